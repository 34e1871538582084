import { adId } from '@lantern/contracts';
import { pageQuery, type Role } from '@lantern/platform';
import { z } from 'zod';
import { revealBody } from '../ads/ads.controller';
import { alertListQuery } from '../alerts/alert-filters';
import { alertIdParam, noteBody, reviewBody } from '../alerts/alerts.controller';
import { auditQuery } from '../audit/audit.controller';
import { exportQuery } from '../export/export.controller';
import { statsQuery } from '../stats/stats.controller';
import { streamQuery } from '../stream/alert-stream.controller';
import { createSubscriptionBody, deliveriesQuery, updateSubscriptionBody } from '../subscriptions/subscriptions.service';

export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** Who may call it; 'public' needs no key. */
  roles: readonly Role[] | 'public';
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, string>;
  produces?: string[];
}

const READERS: Role[] = ['analyst', 'investigator', 'admin'];
const REVIEWERS: Role[] = ['analyst', 'admin'];
const SUBSCRIBERS: Role[] = ['investigator', 'admin'];
const subscriptionIdParam = z.string().regex(/^sub_[0-9a-f]{32}$/);
const common = {
  400: 'Invalid request (the message names the field)',
  401: 'Missing or invalid API key',
  403: 'Role not allowed',
  429: 'Rate limit reached (see Retry-After)',
};

/** The operations this service documents at /api/openapi.json. Roles here are what the controllers declare. */
export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/alerts',
    summary: 'Alerts, filtered, sorted (newest or risk), cursor-paginated',
    roles: READERS,
    query: alertListQuery,
    responses: { 200: 'A page of alerts', ...common },
  },
  {
    method: 'get',
    path: '/api/alerts/{id}',
    summary: 'An alert with its ad, evidence, entities (masked per role), linked ads and reviews',
    roles: READERS,
    params: { id: alertIdParam },
    responses: { 200: 'The alert', 404: 'No such alert', ...common },
  },
  {
    method: 'post',
    path: '/api/alerts/{id}/review',
    summary: 'A review decision, with an optional note and the revision it was based on',
    roles: REVIEWERS,
    params: { id: alertIdParam },
    body: reviewBody,
    responses: {
      200: 'The alert after the decision',
      404: 'No such alert',
      409: 'The alert changed, or the decision does not apply to its status',
      413: 'Body too large',
      ...common,
    },
  },
  {
    method: 'post',
    path: '/api/alerts/{id}/notes',
    summary: 'A note on an alert',
    roles: REVIEWERS,
    params: { id: alertIdParam },
    body: noteBody,
    responses: { 201: 'The note', 404: 'No such alert', 413: 'Body too large', ...common },
  },
  {
    method: 'get',
    path: '/api/ads',
    summary: 'Stored ads, newest scored first',
    roles: READERS,
    query: pageQuery,
    responses: { 200: 'A page of ads', ...common },
  },
  {
    method: 'get',
    path: '/api/ads/{id}',
    summary: 'An ad with indicators, evidence and entities (contacts masked per role)',
    roles: READERS,
    params: { id: adId },
    responses: { 200: 'The ad', 404: 'No such ad', ...common },
  },
  {
    method: 'get',
    path: '/api/ads/{id}/linked',
    summary: 'Ads sharing a contact (keyed HMAC) or near-duplicate text',
    roles: READERS,
    params: { id: adId },
    responses: { 200: 'Linked ads', 404: 'No such ad', ...common },
  },
  {
    method: 'post',
    path: '/api/ads/{id}/reveal',
    summary: 'Raw contacts of one ad, with a reason (audited)',
    roles: REVIEWERS,
    params: { id: adId },
    body: revealBody,
    responses: { 200: 'The contacts', 404: 'No such ad', ...common },
  },
  {
    method: 'get',
    path: '/api/stats',
    summary: 'Counts by day, level, indicator, country, language; alerts by status',
    roles: READERS,
    query: statsQuery,
    responses: { 200: 'Counts', ...common },
  },
  {
    method: 'get',
    path: '/api/export',
    summary: 'Filtered alerts as formula-safe CSV or JSON lines, streamed, capped (audited)',
    roles: READERS,
    query: exportQuery,
    produces: ['text/csv', 'application/x-ndjson'],
    responses: { 200: 'The export', ...common },
  },
  {
    method: 'get',
    path: '/api/audit',
    summary: 'The audit log, newest first',
    roles: ['admin'],
    query: auditQuery,
    responses: { 200: 'Audit entries', ...common },
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    summary: "Checks the audit log's hash chain",
    roles: ['admin'],
    responses: { 200: 'The verification result', ...common },
  },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', roles: 'public', responses: { 200: 'OpenAPI 3.1 JSON' } },
  {
    method: 'get',
    path: '/api/docs',
    summary: 'A static page listing the operations',
    roles: 'public',
    produces: ['text/html'],
    responses: { 200: 'HTML' },
  },
  {
    method: 'get',
    path: '/api/alerts/stream',
    summary: 'Server-Sent Events of new and updated alerts (subscription filters in the query); resumes from Last-Event-ID',
    roles: READERS,
    query: streamQuery,
    responses: { 200: 'An event stream', 503: 'Too many open streams', ...common },
    produces: ['text/event-stream'],
  },
  {
    method: 'post',
    path: '/api/subscriptions',
    summary: 'A subscription (webhook or stream) with filters; a webhook secret is returned once',
    roles: SUBSCRIBERS,
    body: createSubscriptionBody,
    responses: { 201: 'The subscription (and its whsec_ secret)', 413: 'Body too large', ...common },
  },
  {
    method: 'get',
    path: '/api/subscriptions',
    summary: "The caller's subscriptions (admins: everyone's)",
    roles: SUBSCRIBERS,
    query: deliveriesQuery,
    responses: { 200: 'A page of subscriptions', ...common },
  },
  {
    method: 'get',
    path: '/api/subscriptions/{id}',
    summary: 'One subscription (404 when it is not the caller’s)',
    roles: SUBSCRIBERS,
    params: { id: subscriptionIdParam },
    responses: { 200: 'The subscription', 404: 'No such subscription', ...common },
  },
  {
    method: 'patch',
    path: '/api/subscriptions/{id}',
    summary: 'Change name, URL, filters or status (re-enable after a 410)',
    roles: SUBSCRIBERS,
    params: { id: subscriptionIdParam },
    body: updateSubscriptionBody,
    responses: { 200: 'The subscription', 404: 'No such subscription', ...common },
  },
  {
    method: 'delete',
    path: '/api/subscriptions/{id}',
    summary: 'Delete a subscription and stop its deliveries',
    roles: SUBSCRIBERS,
    params: { id: subscriptionIdParam },
    responses: { 204: 'Deleted', 404: 'No such subscription', ...common },
  },
  {
    method: 'post',
    path: '/api/subscriptions/{id}/rotate-secret',
    summary: 'A new webhook secret (returned once); the previous one keeps signing for a grace period',
    roles: SUBSCRIBERS,
    params: { id: subscriptionIdParam },
    responses: { 200: 'The new secret', 404: 'No such subscription', ...common },
  },
  {
    method: 'get',
    path: '/api/subscriptions/{id}/deliveries',
    summary: 'The delivery log: attempts, status codes, next attempt',
    roles: SUBSCRIBERS,
    params: { id: subscriptionIdParam },
    query: deliveriesQuery,
    responses: { 200: 'A page of deliveries', 404: 'No such subscription', ...common },
  },
  {
    method: 'post',
    path: '/api/session',
    summary: 'Sign in: an API key for an httpOnly SameSite=Strict session cookie (dashboard)',
    roles: 'public',
    body: z.strictObject({ key: z.string().min(1).max(300) }),
    responses: { 204: 'Signed in (Set-Cookie)', 400: 'Invalid body', 401: 'Invalid or revoked key', 403: 'Ingest keys cannot sign in' },
  },
  {
    method: 'get',
    path: '/api/session',
    summary: 'Who is signed in (key id, name, role)',
    roles: ['analyst', 'investigator', 'admin', 'ingest'],
    responses: { 200: 'The principal', 401: 'Not signed in' },
  },
  {
    method: 'delete',
    path: '/api/session',
    summary: 'Sign out (with the cookie, send x-lantern-csrf: 1)',
    roles: ['analyst', 'investigator', 'admin', 'ingest'],
    responses: { 204: 'Signed out', 401: 'Not signed in', 403: 'Missing CSRF header' },
  },
  {
    method: 'get',
    path: '/api/keys',
    summary: 'API keys (never their secrets)',
    roles: ['admin'],
    responses: { 200: 'The keys', ...common },
  },
  {
    method: 'post',
    path: '/api/keys',
    summary: 'A new API key, returned once',
    roles: ['admin'],
    body: z.strictObject({ name: z.string().min(1).max(100), role: z.enum(['analyst', 'investigator', 'admin', 'ingest']) }),
    responses: { 201: 'The key (shown once) and its record', ...common },
  },
  {
    method: 'delete',
    path: '/api/keys/{id}',
    summary: 'Revoke a key (its sessions end); the last active admin key cannot be revoked',
    roles: ['admin'],
    params: { id: z.uuid() },
    responses: { 204: 'Revoked', 404: 'No active key', 409: 'Last admin key', ...common },
  },
];

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** OpenAPI 3.1, assembled from the same zod schemas that parse the requests. */
export function openApiDocument(operations: readonly ApiOperation[] = API_OPERATIONS): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...Object.entries(op.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: jsonSchema(schema) })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(schema as z.ZodType),
      })),
    ];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      'x-roles': op.roles,
      security: op.roles === 'public' ? [] : [{ apiKey: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, description]) => [
          status,
          {
            description,
            ...(status.startsWith('2') ? { content: Object.fromEntries((op.produces ?? ['application/json']).map((t) => [t, {}])) } : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lantern alerts API',
      version: '1',
      description: 'Alerts and ads scored for trafficking and forced-labour signals. API keys with roles; deny by default.',
    },
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A Lantern API key (lan_...)' } } },
    security: [{ apiKey: [] }],
    paths,
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page, no scripts and nothing from a CDN: the operations, their roles and a link to the JSON. */
export function docsPage(operations: readonly ApiOperation[] = API_OPERATIONS): string {
  const rows = operations
    .map(
      (op) =>
        `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>${escapeHtml(op.path)}</code></td><td>${escapeHtml(
          op.roles === 'public' ? 'public' : op.roles.join(', '),
        )}</td><td>${escapeHtml(op.summary)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lantern API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head><body><h1>Lantern alerts API</h1>
<p>Send <code>Authorization: Bearer &lt;key&gt;</code>. The machine-readable description is at <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Roles</th><th>What it does</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
