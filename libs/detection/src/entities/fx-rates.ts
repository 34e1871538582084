/**
 * Units of each currency per 1 US dollar, to compare pay across ads. Gulf currencies are at their
 * official US-dollar pegs (UAE, Saudi, Qatar, Oman and Bahrain central banks); every other value is
 * an approximate mid-market rate for the end of June 2025, rounded, written by hand (not an official
 * fixing; ECB euro reference rates of that week are the check for the European ones). A few percent
 * off is harmless for "far above market" tests. Refresh yearly and update FX_RATES_DATE.
 */
export const FX_RATES_DATE = '2025-06-30';

export const UNITS_PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.853,
  GBP: 0.729,
  CHF: 0.796,
  AED: 3.6725,
  SAR: 3.75,
  QAR: 3.64,
  OMR: 0.3845,
  BHD: 0.376,
  KWD: 0.306,
  JOD: 0.709,
  INR: 85.7,
  PKR: 283.8,
  NPR: 137.1,
  BDT: 122.3,
  LKR: 299.5,
  PHP: 56.4,
  IDR: 16_240,
  MYR: 4.21,
  THB: 32.5,
  VND: 26_100,
  MMK: 2_100,
  KHR: 4_010,
  LAK: 21_600,
  SGD: 1.27,
  HKD: 7.85,
  CNY: 7.16,
  JPY: 144.2,
  KRW: 1_357,
  TWD: 29.2,
  RUB: 78.5,
  UAH: 41.7,
  RON: 4.33,
  PLN: 3.61,
  CZK: 21.1,
  HUF: 340,
  BGN: 1.67,
  TRY: 39.8,
  ILS: 3.38,
  EGP: 49.6,
  MXN: 18.8,
  BRL: 5.46,
  CAD: 1.36,
  AUD: 1.52,
  NGN: 1_530,
  KES: 129.2,
  GHS: 10.4,
  MAD: 9.0,
  LYD: 5.4,
};

/** Multipliers to a month: 173 working hours, 22 working days, 4.33 weeks. */
export const PER_MONTH = { hour: 173, day: 22, week: 4.33, month: 1, year: 1 / 12 } as const;

export function toMonthlyUsd(amount: number, currency: string, period: keyof typeof PER_MONTH): number | undefined {
  const rate = UNITS_PER_USD[currency];
  if (!rate || !Number.isFinite(amount)) return undefined;
  return Math.round((amount / rate) * PER_MONTH[period] * 100) / 100;
}
