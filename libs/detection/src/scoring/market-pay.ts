/**
 * Rough monthly pay (USD) for unskilled, entry-level work by country: orientation for "pay far above
 * market", not a wage statistic. Mostly statutory minimum wages for 2024-25 converted at the rates in
 * fx-rates.ts (for example Thailand about 350-400 baht a day, Cambodia's garment minimum about $208 a
 * month, Pakistan PKR 37,000, Malaysia RM 1,700, Russia's MROT about 22,440 roubles); where there is no
 * minimum (Gulf states, for migrant workers) typical published offers for labourers, cleaners and
 * domestic workers. A pay claim is "far above" at MARKET_MULTIPLE times these values.
 */
export const MARKET_MONTHLY_USD: Readonly<Record<string, number>> = {
  AE: 450, SA: 450, QA: 400, KW: 350, OM: 350, BH: 350,
  MY: 400, TH: 330, MM: 120, LA: 150, KH: 210, PH: 300, ID: 250, VN: 200, SG: 1_500, HK: 800, TW: 900, CN: 350,
  JP: 1_200, KR: 1_600, IN: 150, PK: 130, NP: 140, BD: 120, LK: 110, MV: 400,
  GB: 2_300, IE: 2_300, DE: 2_200, FR: 2_000, ES: 1_400, IT: 1_400, NL: 2_300, BE: 2_200, AT: 2_000, CH: 3_500, PT: 1_000,
  GR: 1_000, CY: 1_100, MT: 1_000, PL: 1_100, RO: 600, CZ: 900, HU: 800, SK: 850, HR: 900, BG: 500, RS: 500, LT: 1_000,
  LV: 800, EE: 950, FI: 2_200, SE: 2_200, NO: 2_800, DK: 2_800, UA: 200, MD: 250, BY: 250, RU: 300, KZ: 250, TR: 550,
  IL: 1_600, LB: 200, IQ: 250, EG: 120, LY: 250, KE: 120, NG: 60, GH: 60, ET: 50, UG: 50, MA: 300,
  US: 1_800, CA: 2_000, MX: 300, BR: 300, AU: 2_800, NZ: 2_500,
};
export const DEFAULT_MARKET_MONTHLY_USD = 1_000;
export const MARKET_MULTIPLE = 2.5;
