import { z } from 'zod';

const environment = z.object({
  /** The alerts service the dashboard's /api calls go to, e.g. http://alerts:3003. Origin only. */
  DASHBOARD_API_URL: z
    .string()
    .url()
    .refine((v) => ['http:', 'https:'].includes(new URL(v).protocol), 'must be an http(s) URL')
    .refine((v) => new URL(v).pathname === '/' && !new URL(v).search, 'must be an origin, without path or query')
    .transform((v) => new URL(v).origin),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3004),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface StandaloneDashboardConfig {
  apiOrigin: string;
  host: string;
  port: number;
  logLevel: string;
}

/** The standalone dashboard's settings, checked at start-up with one message per bad variable. */
export function loadStandaloneConfig(env: Record<string, string | undefined>): StandaloneDashboardConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid dashboard configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return { apiOrigin: e.DASHBOARD_API_URL, host: e.HOST, port: e.PORT, logLevel: e.LOG_LEVEL };
}
