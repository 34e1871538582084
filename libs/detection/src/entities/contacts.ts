import { CountryCode, findPhoneNumbersInText, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ExtractedEntities } from '@lantern/contracts';
import { isJsSpace } from '../normalize/js-space';
import { matchesAt, occurrencesAfterNoLetter } from './match-at';
import { minPhoneDigits, phoneSegments } from './phone-segments';

export const MAX_CONTACTS = 20;

// Providers whose name alone says free mail (gmail.com, yahoo.co.uk, hotmail.fr ...).
const FREE_MAIL = new Set([
  'gmail',
  'googlemail',
  'yahoo',
  'ymail',
  'rocketmail',
  'hotmail',
  'outlook',
  'live',
  'msn',
  'aol',
  'yandex',
  'gmx',
  'rediffmail',
  'qq',
  '163',
  '126',
  'icloud',
  'proton',
  'protonmail',
  'zoho',
  'tutanota',
  'rambler',
  'zohomail',
  'lycos',
]);
// Names that are also ordinary words or company names: free only under these exact domains.
const FREE_MAIL_DOMAINS = new Set([
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'mail.com',
  'web.de',
  'ukr.net',
  'wp.pl',
  'o2.pl',
  'me.com',
  'pm.me',
  'ya.ru',
  'email.com',
  'usa.com',
  'interia.pl',
  'onet.pl',
  'abv.bg',
  'seznam.cz',
  'sina.com',
  'mac.com',
]);

export const SHORTENERS = new Set([
  'bit.ly',
  'tinyurl.com',
  't.co',
  'goo.gl',
  'cutt.ly',
  'is.gd',
  'rb.gy',
  'shorturl.at',
  'ow.ly',
  'tiny.cc',
  's.id',
  'rebrand.ly',
  'bit.do',
  't.ly',
  'v.gd',
  'buff.ly',
  'lnkd.in',
  'shorte.st',
  'adf.ly',
  'qrco.de',
  'tiny.one',
  'short.io',
  'urlz.fr',
  'clck.ru',
  'u.to',
  'bitly.com',
  'linktr.ee',
  'tr.ee',
  'surl.li',
  'shorturl.asia',
]);

export function isFreeMail(domain: string): boolean {
  const d = domain.toLowerCase();
  if (FREE_MAIL_DOMAINS.has(d)) return true;
  const labels = d.split('.');
  return labels.length >= 2 && FREE_MAIL.has(labels[0] ?? '');
}

const EMAIL = /[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9](?:[a-z0-9-]{0,62}\.){1,4}[a-z]{2,12}/g;
// "name (at) gmail (dot) com", "name at gmail dot com": only for well-known providers, to spare prose
const SPELLED_EMAIL =
  /([a-z0-9][a-z0-9._-]{1,40})\s*(?:\(at\)|\[at\]|\{at\}|\sat\s|\s@\s)\s*([a-z0-9-]{2,20})\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s|\.)\s*(com|net|org|ru|in|pk|ph|co\.uk|de|fr|es|ro|pl|id|my)(?![a-z])/g;

const SPELLED_HINT = new RegExp(
  `\\((?:at|dot)\\)|\\[(?:at|dot)\\]|\\{(?:at|dot)\\}|\\s(?:at|@)\\s+(?:${[...FREE_MAIL].join('|')})(?![a-z])`,
);

const PROVIDER_NEXT = new RegExp(`\\s+(?:${[...FREE_MAIL].join('|')})(?![a-z])`, 'y');

/** Whether SPELLED_HINT can match: a bracket, an "@", or "at" between spaces before a free-mail provider. */
function maySpellAddress(folded: string): boolean {
  if (folded.includes('(') || folded.includes('[') || folded.includes('{') || folded.includes('@')) return true;
  for (let i = folded.indexOf('at', 1); i >= 0; i = folded.indexOf('at', i + 1)) {
    if (!isJsSpace(folded.charCodeAt(i - 1)) || !isJsSpace(folded.charCodeAt(i + 2))) continue;
    PROVIDER_NEXT.lastIndex = i + 2;
    if (PROVIDER_NEXT.test(folded)) return true;
  }
  return false;
}

export function extractEmails(folded: string, structured: readonly string[] = []): ExtractedEntities['emails'] {
  const found = new Map<string, boolean>();
  const add = (address: string) => {
    const a = address.toLowerCase().replace(/\.+$/, '');
    const domain = a.split('@')[1];
    if (!domain || found.size >= MAX_CONTACTS || found.has(a)) return;
    found.set(a, isFreeMail(domain));
  };
  for (const e of structured) add(e.trim());
  // an address has its '@' within 64 characters of its start: the scan starts there
  for (let from = 0, at = folded.indexOf('@'); at >= 0; at = folded.indexOf('@', from)) {
    EMAIL.lastIndex = Math.max(from, at - 64);
    const m = EMAIL.exec(folded);
    if (!m) break;
    add(m[0]);
    from = m.index + m[0].length;
  }
  if (maySpellAddress(folded) && SPELLED_HINT.test(folded)) {
    for (const m of folded.matchAll(SPELLED_EMAIL)) {
      const provider = m[2] ?? '';
      const spelled = /\(at\)|\[at\]|\{at\}/.test(m[0]);
      if (spelled || FREE_MAIL.has(provider)) add(`${m[1]}@${provider}.${m[3]}`);
    }
  }
  return [...found].map(([address, freeMail]) => ({ address, freeMail }));
}

const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]}]{2,2000}|\b(?:wa\.me|t\.me|telegram\.me|chat\.whatsapp\.com|bit\.ly|tinyurl\.com|t\.co|goo\.gl|cutt\.ly|is\.gd|rb\.gy|shorturl\.at|ow\.ly|tiny\.cc|s\.id|rebrand\.ly|t\.ly|linktr\.ee|line\.me|signal\.me|viber\.click)\/[^\s<>"'`)\]}]{1,2000}|viber:\/\/[^\s<>"'`)\]}]{1,500}/gi;

/** Every URL_RE match holds a '/' or "www." (any case). */
function mayHoldUrl(text: string): boolean {
  if (text.includes('/')) return true;
  for (let dot = text.indexOf('.', 3); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if ((text.charCodeAt(dot - 1) | 0x20) === 119 && (text.charCodeAt(dot - 2) | 0x20) === 119 && (text.charCodeAt(dot - 3) | 0x20) === 119)
      return true;
  }
  return false;
}

export function hostOf(url: string): string {
  const bare = url.replace(/^[a-z]+:\/\//i, '').replace(/^www\./i, '');
  return (bare.split(/[/?#:]/)[0] ?? '').toLowerCase();
}

/** URLs from the original text (paths keep their case: shortener codes are case-sensitive). */
export function extractUrls(originals: readonly string[], structured: readonly string[] = []): ExtractedEntities['urls'] {
  const found = new Map<string, boolean>();
  const add = (raw: string) => {
    const url = raw.replace(/[.,;:!?]+$/, '').slice(0, 2048);
    if (found.size >= MAX_CONTACTS || found.has(url)) return;
    found.set(url, SHORTENERS.has(hostOf(url)));
  };
  for (const u of structured) add(u.trim());
  for (const text of originals) if (mayHoldUrl(text)) for (const m of text.matchAll(URL_RE)) add(m[0]);
  return [...found].map(([url, shortener]) => ({ url, shortener }));
}

// A run of digits with separators long enough to be a phone.
const PHONEISH = /\+?[0-9][0-9\s().\-/]{5,24}[0-9]/;

export function extractPhones(
  digits: string,
  defaultCountry: string | undefined,
  structured: readonly string[] = [],
): ExtractedEntities['phones'] {
  const region = validRegion(defaultCountry);
  const found = new Map<string, string | undefined>();
  for (const raw of structured) {
    const p = parsePhoneNumberFromString(raw, region ? { defaultCountry: region } : undefined);
    if (p?.isPossible()) found.set(p.number, p.country);
  }
  if (PHONEISH.test(digits)) {
    // libphonenumber rejects each candidate with an error it throws and catches itself: capturing
    // the stack is most of that cost, and no stack is read
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      addNumbersOfText(joinSpacedDigits(digits), region, found);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
  return [...found].slice(0, MAX_CONTACTS).map(([e164, country]) => (country ? { e164, country } : { e164 }));
}

function addNumbersOfText(text: string, region: CountryCode | undefined, found: Map<string, string | undefined>): void {
  let results: Array<readonly [string, string | undefined]> = [];
  // a piece seen before adds no number (same text, same numbers)
  const pieces = new Set<string>();
  for (const [start, end] of phoneSegments(text, minPhoneDigits(region))) {
    const piece = text.slice(start, end);
    if (pieces.has(piece)) continue;
    pieces.add(piece);
    const numbers = numbersOfPiece(piece, region);
    if (numbers === THREW) {
      results = [];
      break;
    }
    for (const n of numbers) results.push(n);
  }
  for (const [number, country] of results) {
    if (found.size >= MAX_CONTACTS) break;
    found.set(number, country);
  }
  // "00971 50 ..." and "971501234567": international numbers written without "+"
  for (const m of text.matchAll(/(?<![0-9+])(?:00)?[1-9][0-9\s-]{9,16}[0-9](?![0-9])/g)) {
    if (found.size >= MAX_CONTACTS) break;
    const compact = m[0].replace(/[\s-]/g, '').replace(/^00/, '');
    if (compact.length < 11 || compact.length > 15) continue;
    if (region && parsePhoneNumberFromString(compact, { defaultCountry: region })?.isValid()) continue;
    const p = parsePhoneNumberFromString(`+${compact}`);
    if (p?.isValid() && !found.has(p.number)) found.set(p.number, p.country);
  }
}

const THREW = Symbol('threw');
/** Pieces recently searched, per region: campaigns repeat the same numbers across many ads. */
const piecesSeen = new Map<string, ReadonlyArray<readonly [string, string | undefined]> | typeof THREW>();
const MAX_PIECES_SEEN = 10_000;

/** libphonenumber's numbers in one piece (E.164 and country), or THREW; remembered for the next ads. */
function numbersOfPiece(
  piece: string,
  region: CountryCode | undefined,
): ReadonlyArray<readonly [string, string | undefined]> | typeof THREW {
  const key = `${region ?? ''}:${piece}`;
  let numbers = piecesSeen.get(key);
  if (numbers === undefined) {
    try {
      numbers = findPhoneNumbersInText(piece, region ? { defaultCountry: region } : undefined).map(
        (r) => [r.number.number, r.number.country] as const,
      );
    } catch {
      numbers = THREW;
    }
    if (piecesSeen.size >= MAX_PIECES_SEEN) piecesSeen.delete(piecesSeen.keys().next().value!);
    piecesSeen.set(key, numbers);
  }
  return numbers;
}

/** "0 3 0 0 1 2 3 4 5 6 7" -> "03001234567". */
function joinSpacedDigits(text: string): string {
  return text.replace(/(?<![0-9])[0-9](?:[\s.\-_*]{1,2}[0-9](?![0-9])){6,}/g, (m) => m.replace(/[^0-9]/g, ''));
}

function validRegion(country: string | undefined): CountryCode | undefined {
  return country && isSupportedCountry(country) ? country : undefined;
}

const APP_NAMES: Record<string, string> = {
  whatsapp: 'whatsapp',
  wa: 'whatsapp',
  telegram: 'telegram',
  tg: 'telegram',
  viber: 'viber',
  signal: 'signal',
  imo: 'imo',
  wechat: 'wechat',
  weixin: 'wechat',
  line: 'line',
};

const HANDLE_HINT = /wa\.me|whatsapp|telegram|t\.me|viber|signal|imo|wechat|weixin|line|(?<![a-z])(?:wa|tg)(?![a-z])/;

const APP_AT_HANDLE =
  /(?<![\p{L}])(telegram|tg|wechat|weixin|line|signal|viber|imo)\s*(?:id|username|handle)?\s*[:\-=]?\s*@([a-z0-9_.]{3,40})/uy;
const APP_AT_HANDLE_WORDS = ['telegram', 'tg', 'wechat', 'weixin', 'line', 'signal', 'viber', 'imo'];
const APP_ID = /(?<![\p{L}])(wechat|weixin|line)\s+id\s*[:\-=]?\s*([a-z0-9_.-]{3,40})/uy;
const APP_ID_WORDS = ['wechat', 'weixin', 'line'];
const APP_PHONE =
  /(?<![\p{L}])(whatsapp|wa|telegram|viber|signal|imo)((?:\s*[/,&+]\s*(?:whatsapp|wa|telegram|viber|signal|imo))*)[^0-9+\n]{0,20}(\+?[0-9][0-9\s().-]{6,20}[0-9])/uy;
const APP_PHONE_WORDS = ['whatsapp', 'wa', 'telegram', 'viber', 'signal', 'imo'];

/** The app patterns of handles (sticky) and the words they begin with, for tests. */
export const APP_PATTERNS = [
  { pattern: APP_AT_HANDLE, words: APP_AT_HANDLE_WORDS },
  { pattern: APP_ID, words: APP_ID_WORDS },
  { pattern: APP_PHONE, words: APP_PHONE_WORDS },
] as const;

/** Messaging handles and links; phones after an app name become that app's handle (E.164). */
export function extractHandles(folded: string, digits: string, defaultCountry: string | undefined): ExtractedEntities['handles'] {
  const found = new Map<string, { platform: string; value: string }>();
  const add = (platform: string, value: string) => {
    const v = value
      .toLowerCase()
      .replace(/[.,;:!?]+$/, '')
      .slice(0, 200);
    if (!v || found.size >= MAX_CONTACTS) return;
    found.set(`${platform}:${v}`, { platform, value: v });
  };
  if (!HANDLE_HINT.test(folded)) return [];
  // each pattern only when its fixed part occurs, and only where it does
  if (folded.includes('wa.me') || folded.includes('api.whatsapp.com/send?phone='))
    for (const m of folded.matchAll(/(?:wa\.me|api\.whatsapp\.com\/send\?phone=)\/?\+?([0-9]{7,15})/g))
      add('whatsapp', phoneValue(m[1] ?? '', undefined));
  if (folded.includes('chat.whatsapp.com/'))
    for (const m of folded.matchAll(/chat\.whatsapp\.com\/([a-z0-9]{8,40})/g)) add('whatsapp', `group:${m[1]}`);
  if (folded.includes('.me/'))
    for (const m of folded.matchAll(/(?:t|telegram)\.me\/(?:joinchat\/|\+)?([a-z0-9_]{4,40})/g)) add('telegram', `@${m[1]}`);
  if (folded.includes('viber://'))
    for (const m of folded.matchAll(/viber:\/\/(?:chat|add|contact)\?number=%?2?b?\+?([0-9]{7,15})/g))
      add('viber', phoneValue(m[1] ?? '', undefined));
  if (folded.includes('line.me/'))
    for (const m of folded.matchAll(/line\.me\/(?:ti\/p\/|r\/)?~?([a-z0-9._@-]{3,40})/g)) add('line', m[1] ?? '');
  // "telegram: @jobs_abroad", "wechat id: abc123", "line id: abc"
  if (folded.includes('@')) {
    for (const m of matchesAt(APP_AT_HANDLE, folded, occurrencesAfterNoLetter(folded, APP_AT_HANDLE_WORDS)))
      add(APP_NAMES[m[1] ?? ''] ?? 'other', `@${m[2]}`);
  }
  for (const m of matchesAt(APP_ID, folded, occurrencesAfterNoLetter(folded, APP_ID_WORDS)))
    add(APP_NAMES[m[1] ?? ''] ?? 'other', m[2] ?? '');
  // "whatsapp +971 50 ...", "viber/imo: 0300..." (digits view, so spelled digits count)
  // an ad often repeats its number: parse each written form once
  const values = new Map<string, string>();
  for (const m of matchesAt(APP_PHONE, digits, occurrencesAfterNoLetter(digits, APP_PHONE_WORDS))) {
    const apps = [m[1] ?? '', ...(m[2] ?? '').split(/[^a-z]+/).filter(Boolean)];
    const raw = m[3] ?? '';
    let value = values.get(raw);
    if (value === undefined) values.set(raw, (value = phoneValue(raw, defaultCountry)));
    for (const app of apps) add(APP_NAMES[app] ?? 'other', value);
  }
  return [...found.values()];
}

// Written phone forms recently read, per region (the same campaign numbers recur across ads).
const phoneValuesSeen = new Map<string, string>();

function phoneValue(raw: string, defaultCountry: string | undefined): string {
  const region = validRegion(defaultCountry);
  const compact = raw.replace(/[^0-9+]/g, '');
  const key = `${region ?? ''}:${compact}`;
  let value = phoneValuesSeen.get(key);
  if (value === undefined) {
    value = readPhoneValue(compact, region);
    if (phoneValuesSeen.size >= MAX_PIECES_SEEN) phoneValuesSeen.delete(phoneValuesSeen.keys().next().value!);
    phoneValuesSeen.set(key, value);
  }
  return value;
}

function readPhoneValue(compact: string, region: CountryCode | undefined): string {
  const p = parsePhoneNumberFromString(
    compact.startsWith('+') || compact.length > 11 ? (compact.startsWith('+') ? compact : `+${compact}`) : compact,
    region ? { defaultCountry: region } : undefined,
  );
  return p?.isPossible() ? p.number : compact;
}
