import { ALERT_STATUSES, type AlertStatus, RISK_LEVELS, type RiskLevel } from '../types';

export const FILTER_KEYS = ['status', 'level', 'indicator', 'language', 'country', 'source', 'from', 'to', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** Filters live in the URL, so a number on the overview can link to the filtered queue and a reload keeps them. */
export function filtersFrom(search: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key)?.trim().slice(0, 200);
    if (value) filters[key] = value;
  }
  if (filters.status && !ALERT_STATUSES.includes(filters.status as AlertStatus)) delete filters.status;
  if (filters.level && !RISK_LEVELS.includes(filters.level as RiskLevel)) delete filters.level;
  return filters;
}

export function queueLink(filters: Filters): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) search.set(key, filters[key]!);
  const text = search.toString();
  return text ? `/?${text}` : '/';
}

/** The API takes dates as ISO date-times; the form gives days. `to` covers the whole day. */
export function apiFilters(filters: Filters): Record<string, string | undefined> {
  return {
    ...filters,
    from: filters.from ? `${filters.from}T00:00:00.000Z` : undefined,
    to: filters.to ? `${filters.to}T23:59:59.999Z` : undefined,
  };
}
