import { Public } from '../auth/roles';
import { Controller, Get, Injectable, ServiceUnavailableException } from '@nestjs/common';

export type HealthCheck = () => Promise<void> | void;

/**
 * Readiness: `/health` answers 200 only once the process has finished starting (consumers running,
 * database migrated) and every registered dependency check passes.
 */
@Injectable()
export class HealthRegistry {
  private ready = false;
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  markReady(): void {
    this.ready = true;
  }

  markStopping(): void {
    this.ready = false;
  }

  async report(): Promise<{ ok: boolean; ready: boolean; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    let ok = this.ready;
    for (const [name, check] of this.checks) {
      try {
        await withTimeout(Promise.resolve(check()), 2_000);
        checks[name] = 'ok';
      } catch (error) {
        ok = false;
        checks[name] = error instanceof Error ? error.message.slice(0, 200) : 'failed';
      }
    }
    return { ok, ready: this.ready, checks };
  }
}

@Public()
@Controller()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('health')
  async check(): Promise<{ status: string; checks: Record<string, string> }> {
    const report = await this.registry.report();
    if (!report.ok) {
      throw new ServiceUnavailableException({ status: report.ready ? 'unhealthy' : 'starting', checks: report.checks });
    }
    return { status: 'ok', checks: report.checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
