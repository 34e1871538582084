import { lookup } from 'node:dns/promises';
import { buildConnector } from 'undici';
import { canonicalIp, isIpLiteral, refusalClass, type AddressClass } from './address';

/** Resolves a host name to every address it has (a DNS adapter, replaceable in tests). */
export type HostResolver = (host: string) => Promise<string[]>;

export const systemHostResolver: HostResolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The host resolves (or is a literal) to an address we must not connect to. */
export class AddressRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly addressClass: AddressClass | 'unresolvable',
  ) {
    super(`refused to connect to ${host.slice(0, 253)}: ${addressClass} address`);
    this.name = 'AddressRefusedError';
  }
}

/** DNS failed for the host: a network problem, not a refusal. */
export class HostUnresolvedError extends Error {
  constructor(readonly host: string) {
    super(`cannot resolve ${host.slice(0, 253)}`);
    this.name = 'HostUnresolvedError';
  }
}

export interface AddressCheckOptions {
  /** Lets private addresses through (explicit configuration only); never the default. */
  allowPrivate: boolean;
  resolve?: HostResolver;
}

/**
 * The one address a connection to `host` may use. Literal IPs in any spelling (decimal, octal, hex,
 * mapped IPv6) are judged as the address they really are. For names every DNS answer is checked, not
 * just the first: a mixed answer is a rebinding attempt.
 */
export async function checkedAddress(host: string, options: AddressCheckOptions): Promise<{ address: string; family: 4 | 6 }> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIpLiteral(bare)) addresses = [bare];
  else {
    try {
      addresses = await (options.resolve ?? systemHostResolver)(bare);
    } catch {
      throw new HostUnresolvedError(bare);
    }
    if (addresses.length === 0) throw new AddressRefusedError(bare, 'unresolvable');
  }
  for (const address of addresses) {
    const refused = refusalClass(address);
    if (refused === 'invalid' || (refused && !options.allowPrivate)) throw new AddressRefusedError(bare, refused);
  }
  const address = canonicalIp(addresses[0]!)!;
  return { address, family: address.includes(':') ? 6 : 4 };
}

/**
 * An undici `connect` function that checks the host on every new connection (redirect hops
 * included) and opens the socket to the checked address itself, so a DNS answer that changes between
 * check and connect changes nothing. undici skips its own lookup for IP literals, which is why the
 * check lives here and not in a `lookup` hook.
 */
export function pinnedConnector(
  options: AddressCheckOptions & { connectTimeoutMs: number; onConnect?: (host: string, address: string) => void },
) {
  const connectTcpOrTls = buildConnector({ timeout: options.connectTimeoutMs });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
    checkedAddress(host, options).then(
      ({ address }) => {
        options.onConnect?.(host, address);
        connectTcpOrTls(
          { ...connectOptions, hostname: address, servername: isIpLiteral(host) ? undefined : (connectOptions.servername ?? host) },
          callback,
        );
      },
      (error: Error) => callback(error, null),
    );
  };
  return connect;
}
