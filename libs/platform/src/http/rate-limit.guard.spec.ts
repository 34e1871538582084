import { ExecutionContext, HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import pino from 'pino';
import { PUBLIC_KEY } from '../auth/roles';
import { MemoryCache } from '../cache/cache';
import { loadConfig } from '../config/config';
import { RateLimitGuard } from './rate-limit.guard';

function contextFor(
  headers: Record<string, string>,
  ip: string,
  response: { headers: Record<string, string> },
  method = 'GET',
  handler: object = contextFor,
): ExecutionContext {
  const request = { ip, headers, method };
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class Controller {},
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({ setHeader: (name: string, value: string) => (response.headers[name] = value) }),
    }),
  } as unknown as ExecutionContext;
}

describe('RateLimitGuard', () => {
  it('allows the configured number per minute and key, then answers 429 with Retry-After until the next window', async () => {
    let now = Date.parse('2026-11-29T10:00:15.000Z');
    const clock = () => now;
    const config = loadConfig('alerts', { RATE_LIMIT_PER_MINUTE: '3' });
    const guard = new RateLimitGuard(new Reflector(), new MemoryCache(1000, clock), config, pino({ level: 'silent' }), clock);
    const response = { headers: {} as Record<string, string> };
    const asKey = (key: string) => contextFor({ authorization: `Bearer ${key}` }, '10.0.0.1', response);

    for (let i = 0; i < 3; i++) expect(await guard.canActivate(asKey('lan_one'))).toBe(true);
    const refused = await guard.canActivate(asKey('lan_one')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpException);
    expect((refused as HttpException).getStatus()).toBe(429);
    expect(response.headers['Retry-After']).toBe('45');
    // Another key, or no key from another address, has its own budget.
    expect(await guard.canActivate(asKey('lan_two'))).toBe(true);
    expect(await guard.canActivate(contextFor({}, '10.0.0.2', response))).toBe(true);
    now += 45_000;
    expect(await guard.canActivate(asKey('lan_one'))).toBe(true);
  });

  it('never limits public reads (health, metrics), but limits public writes (sign-in) per address', async () => {
    const config = loadConfig('alerts', { RATE_LIMIT_PER_MINUTE: '2' });
    const guard = new RateLimitGuard(new Reflector(), new MemoryCache(1000), config, pino({ level: 'silent' }));
    const response = { headers: {} as Record<string, string> };
    const publicHandler = () => undefined;
    Reflect.defineMetadata(PUBLIC_KEY, true, publicHandler);
    for (let i = 0; i < 5; i++) expect(await guard.canActivate(contextFor({}, '10.0.0.9', response, 'GET', publicHandler))).toBe(true);
    const signIn = () => guard.canActivate(contextFor({}, '10.0.0.9', response, 'POST', publicHandler));
    expect(await signIn()).toBe(true);
    expect(await signIn()).toBe(true);
    expect(((await signIn().catch((e: unknown) => e)) as HttpException).getStatus()).toBe(429);
  });
});
