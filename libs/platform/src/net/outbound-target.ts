import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { AddressRefusedError, checkedAddress, HostUnresolvedError } from './pinned-connect';

/** A URL that may not be requested: wrong scheme, unresolvable, or pointing at a non-public address. */
export class OutboundTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundTargetError';
  }
}

export interface CheckedTarget {
  url: URL;
  /** The address that was checked; the connection must go to this one and no other (no DNS rebinding). */
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export const MAX_OUTBOUND_URL_LENGTH = 2048;

/** Scheme and shape only: usable at input validation, before any DNS lookup. */
export function checkOutboundUrlShape(raw: string): URL {
  if (raw.length > MAX_OUTBOUND_URL_LENGTH) throw new OutboundTargetError(`URL longer than ${MAX_OUTBOUND_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundTargetError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundTargetError('only http and https URLs are allowed');
  if (url.username || url.password) throw new OutboundTargetError('credentials in the URL are not allowed');
  return url;
}

/**
 * Resolves the URL's host and refuses it unless every address is public (or private targets are
 * allowed). Every address must pass, not just the first: a name with one public and one private
 * record would otherwise be a way in.
 */
export async function checkOutboundTarget(raw: string, options: { allowPrivate: boolean; resolve?: Resolver }): Promise<CheckedTarget> {
  const url = checkOutboundUrlShape(raw);
  const resolve = options.resolve ?? systemResolver;
  try {
    const { address, family } = await checkedAddress(url.hostname, {
      allowPrivate: options.allowPrivate,
      resolve: async (host) => (await resolve(host)).map((a) => a.address),
    });
    return { url, address, family };
  } catch (error) {
    const host = url.hostname.slice(0, 253);
    if (error instanceof HostUnresolvedError || (error instanceof AddressRefusedError && error.addressClass === 'unresolvable'))
      throw new OutboundTargetError(`host ${host} does not resolve`);
    if (error instanceof AddressRefusedError) throw new OutboundTargetError('the URL resolves to a private, loopback or reserved address');
    throw error;
  }
}

/** A socket lookup that answers every name with the checked address, so the connection goes where the check looked. */
export function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as unknown as (err: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    } else callback(null, target.address, target.family);
  };
}
