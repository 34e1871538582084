import { Controller, Get, Query } from '@nestjs/common';
import { AUDIT_ACTIONS, AuditLog, type AuditEntry, type AuditVerification, parseRequest, Roles } from '@lantern/platform';
import { z } from 'zod';

export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  objectId: z.string().min(1).max(200).optional(),
});

@Roles('admin')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** The audit log, newest first; page with `before` = the last seq of the previous page. */
  @Get()
  async list(@Query() query: unknown): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
    const { limit, before, action, objectId } = parseRequest(auditQuery, query, 'query');
    const items = await this.audit.list({
      limit,
      ...(before ? { beforeSeq: before } : {}),
      ...(action ? { action } : {}),
      ...(objectId ? { objectId } : {}),
    });
    const last = items.at(-1);
    return { items, nextBefore: items.length === limit && last ? last.seq : null };
  }

  /** Walks the hash chain and reports the first broken entry, if any. */
  @Get('verify')
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
