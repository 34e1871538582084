import { BadRequestException } from '@nestjs/common';
import { describeIssues } from '@lantern/contracts';
import { z } from 'zod';

/** Parses query or body with a zod schema; anything off is a 400 that says which field and why. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new BadRequestException(`Invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}

/** Opaque cursor for keyset pagination over (time, id), newest first. */
export const cursor = {
  encode(time: string, id: string): string {
    return Buffer.from(JSON.stringify([time, id])).toString('base64url');
  },
  decode(value: string): { time: string; id: string } {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
        return { time: parsed[0] as string, id: parsed[1] as string };
      }
    } catch {
      // fall through to the 400 below
    }
    throw new BadRequestException('Invalid cursor: use the nextCursor value of a previous page');
  },
};

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
