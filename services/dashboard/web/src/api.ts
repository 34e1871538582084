/** The one way the dashboard talks to the API: same origin, session cookie, CSRF header on changes. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** The server has no such route (yet): the page shows "not available" instead of inventing data. */
  get notAvailable(): boolean {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Fired when any call answers 401, so the app can return to the sign-in form. */
export const SIGNED_OUT_EVENT = 'lantern:signed-out';

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (UNSAFE.has(method)) headers['x-lantern-csrf'] = '1';
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/session') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw new ApiError(response.status, messageOf(body) ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

function messageOf(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') return message.slice(0, 500);
    if (Array.isArray(message)) return message.map(String).join('; ').slice(0, 500);
  }
  return undefined;
}

/** A query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
