import { createHash } from 'node:crypto';

/** Query parameters that only track campaigns; they never change which ad a URL points at. */
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref|ref_src|trk|trackingid)$/i;

/**
 * Canonical form of an ad URL, so the same ad reached through different links gets one id:
 * lower-case scheme and host, default port, fragment and tracking parameters dropped, the other
 * parameters sorted, no trailing slash. Returns undefined for anything that is not http(s).
 */
export function canonicalUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams.entries()]
    .filter(([name]) => !TRACKING_PARAMS.test(name))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

export interface AdIdentity {
  source: string;
  url?: string;
  externalId?: string;
  /** Used only when the ad has neither URL nor external id (a pasted tip, say). */
  contentHash?: string;
}

/**
 * An ad's id: a stable hash of its source and canonical URL, or external id, or (last resort) its
 * content. The same ad always gets the same id, so it is the Kafka key of every message about it
 * and the primary key where it is stored.
 */
export function adIdOf(identity: AdIdentity): string {
  const url = identity.url ? canonicalUrl(identity.url) : undefined;
  const locator = url
    ? `url:${url}`
    : identity.externalId?.trim()
      ? `ext:${identity.externalId.trim()}`
      : identity.contentHash
        ? `content:${identity.contentHash}`
        : undefined;
  if (!locator) throw new Error('An ad needs a URL, an external id or a content hash to get an id');
  return createHash('sha256').update(`${identity.source.trim()}\n${locator}`).digest('hex').slice(0, 32);
}

/** sha256 of the fields that make an ad's content; a change gives a new version of the same ad. */
export function contentHashOf(fields: ReadonlyArray<string | undefined>): string {
  const hash = createHash('sha256');
  for (const field of fields) hash.update(field ?? '').update('\u0000');
  return hash.digest('hex');
}
