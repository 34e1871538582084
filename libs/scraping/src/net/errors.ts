import type { AddressClass } from '@lantern/platform';

/** A fetch refused before any connection: the target is not a public http(s) address. */
export class SsrfRefusedError extends Error {
  constructor(
    readonly target: string,
    readonly addressClass: AddressClass | 'scheme' | 'unresolvable',
  ) {
    super(`refused to fetch ${target}: ${addressClass === 'scheme' ? 'only http and https are fetched' : `${addressClass} address`}`);
    this.name = 'SsrfRefusedError';
  }
}

/** robots.txt disallows the URL for our user agent (or robots.txt could not be read: RFC 9309 says stay out). */
export class RobotsRefusedError extends Error {
  constructor(readonly url: string) {
    super(`robots.txt disallows ${url}`);
    this.name = 'RobotsRefusedError';
  }
}

export type FetchFailure =
  'timeout' | 'too-large' | 'too-many-redirects' | 'bad-redirect' | 'decoding' | 'network' | 'status' | 'throttled';

export class FetchError extends Error {
  constructor(
    readonly kind: FetchFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}
