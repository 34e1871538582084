import { Body, ConflictException, Controller, Delete, Get, HttpCode, Ip, NotFoundException, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { parseRequest } from '../http/parse-request';
import { ApiKeyStore } from './api-key.store';
import { ApiKeys, type Principal } from './api-keys';
import { AuditLog } from './audit-log';
import { CurrentPrincipal } from './auth.guard';
import { ROLES, Roles } from './roles';

const createKey = z.strictObject({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES) });
const keyId = z.uuid({ message: 'a key id (UUID) from GET /api/keys' });

/** Key management for admins (the dashboard's admin page); the same as `lantern keys` on the server. */
@Roles('admin')
@Controller('api/keys')
export class KeysController {
  constructor(
    private readonly keys: ApiKeys,
    private readonly store: ApiKeyStore,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list(): Promise<{ items: Awaited<ReturnType<ApiKeys['list']>> }> {
    return { items: await this.keys.list() };
  }

  /** The key is in this answer and nowhere else, ever. */
  @Post()
  async create(@CurrentPrincipal() actor: Principal, @Ip() ip: string, @Body() body: unknown) {
    const { name, role } = parseRequest(createKey, body, 'request');
    const created = await this.keys.create(role, name);
    await this.audit.record({
      action: 'key.create',
      actor,
      objectType: 'api-key',
      objectId: created.record.id,
      from: ip,
      details: { role },
    });
    return { key: created.key, ...created.record };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() actor: Principal, @Ip() ip: string, @Param('id') id: string): Promise<void> {
    parseRequest(keyId, id, 'key id');
    const target = await this.store.findById(id);
    if (!target || target.revokedAt) throw new NotFoundException(`No active key ${id}`);
    // Nobody locks the whole team out by accident: the last admin key stays until another exists.
    if (target.role === 'admin' && (await this.store.countActive('admin')) <= 1) {
      throw new ConflictException('This is the last active admin key: create another admin key first');
    }
    if (!(await this.keys.revoke(id))) throw new NotFoundException(`No active key ${id}`);
    await this.audit.record({ action: 'key.revoke', actor, objectType: 'api-key', objectId: id, from: ip, details: { role: target.role } });
  }
}
