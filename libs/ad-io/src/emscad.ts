import { adIdOf, contentHashOf, describeIssues, Limits, RawAdV1, rawAdV1 } from '@lantern/contracts';
import { decodeHtmlEntities } from './html-entities';

/** The columns of the EMSCAD export (Vidros et al. 2017); `fraudulent` is the label. */
export const EMSCAD_COLUMNS = [
  'job_id',
  'title',
  'location',
  'department',
  'salary_range',
  'company_profile',
  'description',
  'requirements',
  'benefits',
  'telecommuting',
  'has_company_logo',
  'has_questions',
  'employment_type',
  'required_experience',
  'required_education',
  'industry',
  'function',
  'fraudulent',
] as const;

/** True when a header row looks like EMSCAD's: enough of its distinctive columns to be sure. */
export function isEmscadHeader(names: readonly string[]): boolean {
  const set = new Set(names.map((name) => name.trim().toLowerCase()));
  const required = ['title', 'description', 'company_profile', 'has_company_logo'];
  return required.every((name) => set.has(name));
}

export interface LabelledAd {
  ad: RawAdV1;
  /** 1 = fraudulent, 0 = legitimate, undefined when the file has no label column. */
  label?: 0 | 1;
}

export type EmscadMapResult = ({ ok: true } & LabelledAd) | { ok: false; reason: string };

export interface EmscadOptions {
  /** Timestamp for `scrapedAt`; defaults to now. */
  now?: Date;
  source?: string;
}

function text(value: string | undefined, limit: number): string | undefined {
  if (value === undefined) return undefined;
  const decoded = decodeHtmlEntities(value).trim();
  return decoded === '' ? undefined : decoded.slice(0, limit);
}

function flag(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === '1' || v === 't' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'f' || v === 'false' || v === 'no') return false;
  return undefined;
}

function label(value: string | undefined): 0 | 1 | undefined {
  const v = flag(value);
  return v === undefined ? undefined : v ? 1 : 0;
}

function defined<T extends object>(value: T): T | undefined {
  return Object.values(value).some((v) => v !== undefined) ? value : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One EMSCAD row as a raw-ad message. `job_id` becomes the id as it is (so scores and labels join
 * back to the file); HTML entities are decoded; over-long fields are cut to the contract's limits.
 */
export function emscadRowToRawAd(row: Readonly<Record<string, string>>, options: EmscadOptions = {}): EmscadMapResult {
  const title = text(row['title'], Limits.title);
  const description = text(row['description'], Limits.description) ?? '';
  const companyProfile = text(row['company_profile'], Limits.longText);
  const requirements = text(row['requirements'], Limits.longText);
  const benefits = text(row['benefits'], Limits.longText);
  const salaryText = text(row['salary_range'], Limits.shortText);
  const locationRaw = text(row['location'], Limits.shortText);
  const employmentType = text(row['employment_type'], Limits.shortText);
  const country = locationRaw?.split(',')[0]?.trim().toUpperCase();
  const contentHash = contentHashOf([title, description, companyProfile, requirements, benefits, salaryText, locationRaw, employmentType]);
  const source = options.source ?? 'emscad';
  const jobId = row['job_id']?.trim();
  const attributes = defined(
    compact({
      department: text(row['department'], Limits.shortText),
      industry: text(row['industry'], Limits.shortText),
      jobFunction: text(row['function'], Limits.shortText),
      requiredExperience: text(row['required_experience'], Limits.shortText),
      requiredEducation: text(row['required_education'], Limits.shortText),
      telecommuting: flag(row['telecommuting']),
      hasCompanyLogo: flag(row['has_company_logo']),
      hasScreeningQuestions: flag(row['has_questions']),
    }),
  );
  const candidate = compact({
    schemaVersion: 1 as const,
    id: jobId ? jobId : adIdOf({ source, contentHash }),
    source,
    externalId: jobId ? jobId.slice(0, Limits.shortText) : undefined,
    title,
    description,
    companyProfile,
    location: locationRaw ? compact({ raw: locationRaw, country: country && /^[A-Z]{2}$/.test(country) ? country : undefined }) : undefined,
    salaryText,
    employmentType,
    requirements,
    benefits,
    attributes,
    scrapedAt: (options.now ?? new Date()).toISOString(),
    contentHash,
  });
  const parsed = rawAdV1.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  const fraud = label(row['fraudulent']);
  return fraud === undefined ? { ok: true, ad: parsed.data } : { ok: true, ad: parsed.data, label: fraud };
}
