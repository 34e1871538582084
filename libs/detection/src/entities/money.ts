import type { ExtractedEntities } from '@lantern/contracts';
import { isJsSpace } from '../normalize/js-space';
import { digitRuns } from '../normalize/digit-runs';
import { PER_MONTH, toMonthlyUsd } from './fx-rates';
import { matchesAt } from './match-at';

export const MAX_MONEY = 20;
type Period = ExtractedEntities['money'][number]['period'];

export interface MoneyContext {
  /** ISO2 of the ad's location, to read "$", "Rs" and "pesos". */
  country?: string;
  language?: string;
}

// Currency words and symbols after folding (lower case, no accents). Order: longest first.
const CURRENCY_TOKENS: Array<[string, string]> = [
  ['us$', 'USD'],
  ['usd', 'USD'],
  ['us dollars', 'USD'],
  ['dollars', 'USD'],
  ['dollar', 'USD'],
  ['$', 'USD'],
  ['eur', 'EUR'],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['€', 'EUR'],
  ['евро', 'EUR'],
  ['يورو', 'EUR'],
  ['gbp', 'GBP'],
  ['pounds', 'GBP'],
  ['£', 'GBP'],
  ['chf', 'CHF'],
  ['aed', 'AED'],
  ['dirhams', 'AED'],
  ['dirham', 'AED'],
  ['dhs', 'AED'],
  ['dh', 'AED'],
  ['درهم', 'AED'],
  ['sar', 'SAR'],
  ['riyals', 'SAR'],
  ['riyal', 'SAR'],
  ['sr', 'SAR'],
  ['ريال', 'SAR'],
  ['qar', 'QAR'],
  ['qr', 'QAR'],
  ['kwd', 'KWD'],
  ['kd', 'KWD'],
  ['omr', 'OMR'],
  ['bhd', 'BHD'],
  ['bd', 'BHD'],
  ['dinars', 'KWD'],
  ['dinar', 'KWD'],
  ['دينار', 'KWD'],
  ['pkr', 'PKR'],
  ['inr', 'INR'],
  ['₹', 'INR'],
  ['npr', 'NPR'],
  ['lkr', 'LKR'],
  ['bdt', 'BDT'],
  ['৳', 'BDT'],
  ['taka', 'BDT'],
  ['rs.', 'RS'],
  ['rs', 'RS'],
  ['rupees', 'RS'],
  ['rupee', 'RS'],
  ['روپے', 'RS'],
  ['रुपये', 'RS'],
  ['रुपए', 'RS'],
  ['रु', 'RS'],
  ['php', 'PHP'],
  ['₱', 'PHP'],
  ['pesos', 'PESO'],
  ['peso', 'PESO'],
  ['piso', 'PHP'],
  ['idr', 'IDR'],
  ['rp.', 'IDR'],
  ['rp', 'IDR'],
  ['rupiah', 'IDR'],
  ['juta', 'IDR_M'],
  ['myr', 'MYR'],
  ['rm', 'MYR'],
  ['ringgit', 'MYR'],
  ['thb', 'THB'],
  ['฿', 'THB'],
  ['baht', 'THB'],
  ['sgd', 'SGD'],
  ['hkd', 'HKD'],
  ['cny', 'CNY'],
  ['rmb', 'CNY'],
  ['yuan', 'CNY'],
  ['jpy', 'JPY'],
  ['yen', 'JPY'],
  ['¥', 'JPY'],
  ['krw', 'KRW'],
  ['won', 'KRW'],
  ['₩', 'KRW'],
  ['rub', 'RUB'],
  ['руб.', 'RUB'],
  ['руб', 'RUB'],
  ['рублей', 'RUB'],
  ['рубля', 'RUB'],
  ['₽', 'RUB'],
  ['р.', 'RUB'],
  ['uah', 'UAH'],
  ['грн', 'UAH'],
  ['гривен', 'UAH'],
  ['₴', 'UAH'],
  ['ron', 'RON'],
  ['lei', 'RON'],
  ['pln', 'PLN'],
  ['zl', 'PLN'],
  ['zloty', 'PLN'],
  ['zlotych', 'PLN'],
  ['czk', 'CZK'],
  ['huf', 'HUF'],
  ['try', 'TRY'],
  ['tl', 'TRY'],
  ['lira', 'TRY'],
  ['₺', 'TRY'],
  ['ils', 'ILS'],
  ['nis', 'ILS'],
  ['shekels', 'ILS'],
  ['₪', 'ILS'],
  ['mxn', 'MXN'],
  ['cad', 'CAD'],
  ['aud', 'AUD'],
  ['brl', 'BRL'],
  ['r$', 'BRL'],
  ['egp', 'EGP'],
  ['kes', 'KES'],
  ['ngn', 'NGN'],
  ['₦', 'NGN'],
];
const CURRENCY_MAP = new Map(CURRENCY_TOKENS);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CUR = CURRENCY_TOKENS.map(([t]) => t)
  .sort((a, b) => b.length - a.length)
  .map(esc)
  .join('|');

const PERIOD_WORDS: Array<[RegExp, Period]> = [
  [/^(?:hour|hours|hr|hrs|h|hourly|hora|heure|ora|час|jam|oras|ghanta|घंटा)$/, 'hour'],
  [/^(?:day|days|daily|dia|diario|jour|zi|день|сутки|hari|araw|din|दिन|دن|يوم)$/, 'day'],
  [/^(?:week|weekly|wk|semana|semaine|saptamana|неделю|неделя|minggu|linggo|hafta|हफ्ता|ہفتہ|اسبوع)$/, 'week'],
  [
    /^(?:month|months|mo|monthly|mes|mensual|mensuales|mensal|mois|mensuel|luna|lunar|месяц|мес|bulan|buwan|mahina|mahine|maheena|mahana|mahinay|महीना|महीने|माह|مہینہ|ماهانه|ماه|شهر|شهريا|p\.?m)$/,
    'month',
  ],
  [/^(?:year|years|yr|annum|annual|annually|yearly|ano|anual|an|annee|год|tahun|taon|saal|sal|साल|سال|سنة|p\.?a)$/, 'year'],
];
const PERIOD_GAP = '(?:\\s*(?:/\\s*|(?:per|each|every|an|a|al|por|par|pe|в|за|kada|bawat|sa|isang|se|ek|fi|في|प्रति|فی)\\s+)|\\s+)?';
const PERIOD_WORD = '(\\p{L}+(?:\\.\\p{L})?(?![\\p{L}]))';
const AMOUNT =
  '(\\d{1,3}(?:[ ,.\\u00a0]\\d{3})+|\\d+(?:[.,]\\d{1,2})?)(\\s?(?:k|mil|thousand|lakh|lac|lakhs|тыс\\.?|ribu|juta|million|m)(?![\\p{L}]))?';
const RANGE = `(?:\\s*(?:-|–|to|a|à|до|sampai|hingga)\\s*${AMOUNT})?`;
const BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(${CUR})\\s?${AMOUNT}${RANGE}${PERIOD_GAP}${PERIOD_WORD}?`, 'gu');
const AFTER = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMOUNT}${RANGE}\\s?(${CUR})(?![\\p{L}])${PERIOD_GAP}${PERIOD_WORD}?`, 'gu');

// Both patterns at one position (sticky). An amount starts a run of digits: AFTER begins there, and
// BEFORE begins with a currency token that ends there (or one space before it).
const BEFORE_AT = new RegExp(BEFORE.source, 'uy');
const AFTER_AT = new RegExp(AFTER.source, 'uy');
const TOKENS_BY_LAST_UNIT = new Map<number, string[]>();
for (const [token] of CURRENCY_TOKENS) {
  const last = token.charCodeAt(token.length - 1);
  TOKENS_BY_LAST_UNIT.set(last, [...(TOKENS_BY_LAST_UNIT.get(last) ?? []), token]);
}

/** Where a currency token starts that ends at a run of digits or one whitespace before it, in order. */
function beforeStarts(text: string, runs: readonly number[]): number[] {
  const starts: number[] = [];
  for (const run of runs) {
    for (let end = run; end >= run - 1 && end > 0; end--) {
      if (end < run && !isJsSpace(text.charCodeAt(end))) break;
      for (const token of TOKENS_BY_LAST_UNIT.get(text.charCodeAt(end - 1)) ?? []) {
        const start = end - token.length;
        if (start >= 0 && text.startsWith(token, start)) starts.push(start);
      }
    }
  }
  return starts.sort((a, b) => a - b);
}

function parseAmount(digits: string | undefined, multiplier: string | undefined): number {
  if (!digits) return NaN;
  let value: number;
  if (/^\d{1,3}([ ,.\u00a0])\d{3}(?:\1\d{3})*$/.test(digits)) value = Number(digits.replace(/[^0-9]/g, ''));
  else value = Number(digits.replace(',', '.'));
  const m = (multiplier ?? '').trim();
  if (m === 'k' || m === 'thousand' || m === 'mil' || m.startsWith('тыс') || m === 'ribu') value *= 1_000;
  else if (m === 'lakh' || m === 'lac' || m === 'lakhs') value *= 100_000;
  else if (m === 'juta' || m === 'million' || m === 'm') value *= 1_000_000;
  return value;
}

function periodOf(word: string | undefined): Period {
  if (!word) return 'unknown';
  for (const [re, period] of PERIOD_WORDS) if (re.test(word)) return period;
  return 'unknown';
}

function resolveCurrency(token: string, ctx: MoneyContext): string {
  const code = CURRENCY_MAP.get(token) ?? 'USD';
  if (code === 'RS') {
    if (ctx.country === 'PK' || ctx.language?.startsWith('ur')) return 'PKR';
    if (ctx.country === 'NP' || ctx.language === 'ne') return 'NPR';
    if (ctx.country === 'LK') return 'LKR';
    return 'INR';
  }
  if (code === 'PESO') return ctx.country === 'PH' || ctx.language === 'tl' ? 'PHP' : 'MXN';
  if (code === 'IDR_M') return 'IDR';
  if (code === 'USD' && token === '$') {
    const local: Record<string, string> = { CA: 'CAD', AU: 'AUD', SG: 'SGD', HK: 'HKD', MX: 'MXN', NZ: 'USD' };
    return (ctx.country && local[ctx.country]) || 'USD';
  }
  return code;
}

/** The patterns (global), for tests: `moneyMatches` finds what `matchAll` with them finds. */
export const MONEY_PATTERNS = { before: BEFORE, after: AFTER } as const;

/**
 * The matches of BEFORE and AFTER, the same and in the same order as scanning the whole text with
 * them, but each pattern is tried only where one of its matches can begin.
 */
export function moneyMatches(folded: string): { before: RegExpExecArray[]; after: RegExpExecArray[] } {
  const runs = digitRuns(folded).starts;
  return { before: matchesAt(BEFORE_AT, folded, beforeStarts(folded, runs)), after: matchesAt(AFTER_AT, folded, runs) };
}

/** Pay amounts with currency and period, converted to monthly USD where the period is known. */
export function extractMoney(folded: string, ctx: MoneyContext = {}): ExtractedEntities['money'] {
  const out: ExtractedEntities['money'] = [];
  const taken: Array<[number, number]> = [];
  const push = (index: number, length: number, token: string, low: number, high: number, periodWord: string | undefined) => {
    if (out.length >= MAX_MONEY || taken.some(([s, e]) => index < e && s < index + length)) return;
    const amount = Number.isFinite(high) && high > low ? high : low;
    if (!Number.isFinite(amount) || amount <= 0 || amount > 1e12) return;
    taken.push([index, index + length]);
    const currency = resolveCurrency(token, ctx);
    const period = periodOf(periodWord);
    const monthlyUsd = period === 'unknown' ? undefined : toMonthlyUsd(amount, currency, period as keyof typeof PER_MONTH);
    out.push(monthlyUsd === undefined ? { amount, currency, period } : { amount, currency, period, monthlyUsd });
  };
  const { before, after } = moneyMatches(folded);
  for (const m of before) push(m.index, m[0].length, m[1] ?? '', parseAmount(m[2], m[3]), parseAmount(m[4], m[5] ?? m[3]), m[6]);
  for (const m of after) {
    const token = m[5] ?? '';
    // "juta" is a multiplier (million rupiah), not a currency on its own
    const mult = token === 'juta' ? 'juta' : m[2];
    push(m.index, m[0].length, token, parseAmount(m[1], mult), parseAmount(m[3], token === 'juta' ? 'juta' : (m[4] ?? m[2])), m[6]);
  }
  return out;
}
