import { isIPv6 } from 'node:net';

/** Why an address may not be fetched; `public` means it may. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'benchmarking'
  | 'ipv4-mapped'
  | 'nat64'
  | 'translation'
  | 'unique-local'
  | 'site-local'
  | 'teredo'
  | '6to4'
  | 'invalid';

/**
 * Parses an IPv4 address the way inet_aton (and so curl, browsers' URL parsers and most HTTP
 * clients) does: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x), the last part filling
 * the remaining bytes. `2130706433`, `0x7f.1` and `0177.0.0.1` are all 127.0.0.1: attackers use
 * these spellings to slip past filters that only know dotted decimal.
 */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // a trailing dot is legal
  if (parts.length === 0 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return undefined;
    if (!Number.isSafeInteger(value)) return undefined;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255)) return undefined;
  const lastBytes = 4 - values.length;
  if (last >= 256 ** lastBytes) return undefined;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}

/** Parses an IPv6 address (with or without brackets, zone id dropped) into 16 bytes. */
export function parseIPv6(text: string): number[] | undefined {
  let value = text.replace(/^\[|\]$/g, '');
  const zone = value.indexOf('%');
  if (zone !== -1) value = value.slice(0, zone);
  if (!isIPv6(value)) return undefined;
  let tail: number[] = [];
  const lastColon = value.lastIndexOf(':');
  const maybeV4 = value.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = maybeV4.split('.').map(Number);
    tail = v4;
    value = value.slice(0, lastColon + 1) + '0:0';
  }
  const [head = '', rest] = value.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...(rest === undefined ? [] : Array<string>(missing).fill('0')), ...restGroups].map((g) =>
    parseInt(g, 16),
  );
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 ? bytes : undefined;
}

function inV4(bytes: number[], prefix: number[], bits: number): boolean {
  const addr = bytes.reduce((a, b) => a * 256 + b, 0);
  const net = prefix.reduce((a, b) => a * 256 + b, 0);
  const size = 2 ** (32 - bits);
  return Math.floor(addr / size) === Math.floor(net / size);
}

/** IPv4 special-purpose ranges (IANA registry, RFC 6890 and successors). */
const V4_RANGES: [number[], number, AddressClass][] = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'cgnat'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

export function classifyIPv4(bytes: number[]): AddressClass {
  for (const [prefix, bits, kind] of V4_RANGES) if (inV4(bytes, prefix, bits)) return kind;
  return 'public';
}

function startsWith(bytes: number[], prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function classifyIPv6(bytes: number[]): AddressClass {
  const zeroTo = (n: number) => bytes.slice(0, n).every((b) => b === 0);
  if (zeroTo(16)) return 'unspecified';
  if (zeroTo(15) && bytes[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d reaches the IPv4 host on dual-stack sockets: its own class, judged by the IPv4 inside (isPublicAddress).
  if (zeroTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return 'ipv4-mapped';
  if (zeroTo(12)) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  if (startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0])) return 'translation'; // ::ffff:0:0:0/96
  // NAT64 gateways turn 64:ff9b::a.b.c.d into a connection to a.b.c.d, private ones included.
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b])) return 'nat64';
  if (bytes[0] === 0x01 && bytes[1] === 0 && bytes.slice(2, 8).every((b) => b === 0)) return 'reserved'; // 100::/64 discard
  if (startsWith(bytes, [0x20, 0x01, 0, 0])) return 'teredo';
  if (startsWith(bytes, [0x20, 0x01, 0x0d, 0xb8])) return 'documentation';
  if (bytes[0] === 0x20 && bytes[1] === 0x01 && (bytes[2] ?? 0) < 0x02) return 'reserved'; // 2001::/23 IETF protocol assignments
  if (startsWith(bytes, [0x20, 0x02])) return '6to4';
  if (((bytes[0] ?? 0) & 0xfe) === 0xfc) return 'unique-local';
  if (bytes[0] === 0xfe && ((bytes[1] ?? 0) & 0xc0) === 0x80) return 'link-local';
  if (bytes[0] === 0xfe && ((bytes[1] ?? 0) & 0xc0) === 0xc0) return 'site-local';
  if (bytes[0] === 0xff) return 'multicast';
  // Only 2000::/3 is allocated global unicast; everything else is reserved.
  if (((bytes[0] ?? 0) & 0xe0) !== 0x20) return 'reserved';
  return 'public';
}

/** Classifies an IP literal in any spelling; `invalid` when it is not one. */
export function classifyAddress(address: string): AddressClass {
  const v6 = parseIPv6(address);
  if (v6) return classifyIPv6(v6);
  const v4 = parseIPv4(address);
  if (v4) return classifyIPv4(v4);
  return 'invalid';
}

/** True when the text is an IP literal in some spelling (so no DNS lookup applies). */
export function isIpLiteral(host: string): boolean {
  return parseIPv6(host) !== undefined || parseIPv4(host) !== undefined;
}

/** The canonical dotted or colon form of an IP literal, for connecting to exactly what was checked. */
export function canonicalIp(address: string): string | undefined {
  const v6 = parseIPv6(address);
  if (v6) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((v6[i]! << 8) | v6[i + 1]!).toString(16));
    return groups.join(':');
  }
  const v4 = parseIPv4(address);
  return v4 ? v4.join('.') : undefined;
}

/**
 * True when a connection to this literal may be opened: the address is public in whatever spelling,
 * and an IPv4-mapped IPv6 address only when the IPv4 address it maps to is public (that is where
 * a dual-stack socket really connects). Anything unparsable is not public.
 */
export function isPublicAddress(address: string): boolean {
  return refusalClass(address) === undefined;
}

/** Why a connection to this literal must be refused, or `undefined` when it is public. */
export function refusalClass(address: string): AddressClass | undefined {
  const v6 = parseIPv6(address);
  let kind: AddressClass;
  if (v6) {
    kind = classifyIPv6(v6);
    if (kind === 'ipv4-mapped') kind = classifyIPv4(v6.slice(12));
  } else {
    const v4 = parseIPv4(address);
    kind = v4 ? classifyIPv4(v4) : 'invalid';
  }
  return kind === 'public' ? undefined : kind;
}
