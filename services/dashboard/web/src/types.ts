/** What the dashboard reads from the API. Written from the alerts service's answers; fields a server may omit are optional. */

export type Role = 'analyst' | 'investigator' | 'admin' | 'ingest';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type AlertStatus = 'new' | 'in_review' | 'confirmed' | 'dismissed' | 'escalated';

export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical'];
export const ALERT_STATUSES: readonly AlertStatus[] = ['new', 'in_review', 'confirmed', 'dismissed', 'escalated'];

export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

export interface Alert {
  id: string;
  adId: string;
  revision: number;
  status: AlertStatus;
  level: RiskLevel;
  score: number;
  indicatorIds: string[];
  reasons: string[];
  raisedAt: string;
  updatedAt: string;
  /** Present when the server joins the ad's summary into the list. */
  ad?: AdSummary | null;
  title?: string | null;
  source?: string;
  country?: string | null;
  language?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AdSummary {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  country: string | null;
  language: string;
  risk: { score: number; probability: number; level: RiskLevel };
  indicatorIds: string[];
  scoredAt: string;
}

export type EvidenceField =
  'title' | 'description' | 'company' | 'companyProfile' | 'requirements' | 'benefits' | 'salaryText' | 'location';

export interface EvidenceSpan {
  field: EvidenceField;
  start: number;
  end: number;
  text: string;
}

export interface IndicatorHit {
  id: string;
  title: string;
  category: string;
  severity: RiskLevel;
  weight: number;
  language?: string;
  sources: string[];
  evidence: EvidenceSpan[];
  linkedAdIds?: string[];
}

export interface RawAd {
  id: string;
  source: string;
  url?: string;
  title?: string;
  description: string;
  company?: string;
  companyProfile?: string;
  location?: { raw?: string; country?: string };
  salaryText?: string;
  requirements?: string;
  benefits?: string;
  postedAt?: string;
  scrapedAt: string;
}

export interface Entities {
  phones: Array<{ e164: string; country?: string }>;
  emails: Array<{ address: string; freeMail: boolean }>;
  handles: Array<{ platform: string; value: string }>;
  urls: Array<{ url: string; shortener: boolean }>;
  money: Array<{ amount: number; currency: string; period: string; monthlyUsd?: number }>;
  ages: Array<{ min?: number; max?: number }>;
  genders: string[];
  places: Array<{ name: string; country: string }>;
}

export interface AdDetail {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  country: string | null;
  language: string;
  riskScore: number;
  riskProbability: number;
  riskLevel: RiskLevel;
  ad: RawAd;
  indicators: IndicatorHit[];
  entities: Entities;
  scoredAt: string;
  firstSeenAt: string;
  /** Set by servers that mask contacts for roles that may not see them. */
  contactsMasked?: boolean;
}

export interface LinkedAd {
  adId: string;
  via: string[];
  ad: AdSummary | null;
}

export interface Subscription {
  id: string;
  name: string;
  channel: 'webhook' | 'stream';
  url: string | null;
  status: string;
  filter: SubscriptionFilter;
  createdAt?: string;
  updatedAt?: string;
  secret?: string;
}

export interface SubscriptionFilter {
  minLevel?: RiskLevel;
  minScore?: number;
  indicators?: string[];
  countries?: string[];
  languages?: string[];
  keywords?: string[];
}

export interface Delivery {
  id: string | number;
  status: string;
  attempts?: number;
  responseStatus?: number | null;
  lastError?: string | null;
  alertId?: string;
  createdAt?: string;
  updatedAt?: string;
  [key: string]: unknown;
}
