import type { ExtractedEntities, IndicatorHit, RawAdV1 } from '@lantern/contracts';
import type { Role } from '@lantern/platform';

/** Roles that see raw phones, emails and handles; analysts see them masked and may reveal one ad's, with a reason. */
export const CONTACT_ROLES: readonly Role[] = ['investigator', 'admin'];

export function seesRawContacts(role: Role): boolean {
  return CONTACT_ROLES.includes(role);
}

const MASK = '•••';
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/g;
// Seven or more digits, allowing the separators people put in phone numbers.
const PHONE_LIKE = /\+?\d(?:[\s().-]{0,3}\d){6,18}/g;

export function maskPhone(e164: string): string {
  return e164.length > 4 ? `${e164.slice(0, 3)}${MASK}${e164.slice(-2)}` : MASK;
}

export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}${MASK}${address.slice(at)}` : MASK;
}

/** Masks anything that looks like a contact in free text, plus the handles the extractor found. */
export function maskText(text: string, handles: readonly string[]): string {
  let out = text
    .replace(EMAIL, (m) => maskEmail(m))
    .replace(PHONE_LIKE, (m) => (m.replace(/\D/g, '').length >= 7 ? `${MASK}${m.slice(-2)}` : m));
  for (const handle of handles) {
    if (handle.length >= 3) out = out.split(handle).join(MASK);
  }
  return out;
}

export function maskEntities(entities: ExtractedEntities): ExtractedEntities {
  return {
    ...entities,
    phones: entities.phones.map((p) => ({ ...p, e164: maskPhone(p.e164) })),
    emails: entities.emails.map((e) => ({ ...e, address: maskEmail(e.address) })),
    handles: entities.handles.map((h) => ({ ...h, value: MASK })),
  };
}

const TEXT_FIELDS = [
  'title',
  'description',
  'descriptionHtml',
  'company',
  'companyProfile',
  'requirements',
  'benefits',
  'salaryText',
] as const;

export function maskRawAd(ad: RawAdV1, entities: ExtractedEntities): RawAdV1 {
  const handles = entities.handles.map((h) => h.value);
  const masked: RawAdV1 = { ...ad };
  for (const field of TEXT_FIELDS) {
    const value = ad[field];
    if (typeof value === 'string') masked[field] = maskText(value, handles);
  }
  if (ad.contacts) {
    masked.contacts = {
      ...ad.contacts,
      ...(ad.contacts.phones ? { phones: ad.contacts.phones.map(() => MASK) } : {}),
      ...(ad.contacts.emails ? { emails: ad.contacts.emails.map((e) => maskEmail(e)) } : {}),
    };
  }
  return masked;
}

export function maskIndicators(indicators: IndicatorHit[], entities: ExtractedEntities): IndicatorHit[] {
  const handles = entities.handles.map((h) => h.value);
  return indicators.map((i) => ({ ...i, evidence: i.evidence.map((span) => ({ ...span, text: maskText(span.text, handles) })) }));
}
