import { createHmac } from 'node:crypto';
import type { ExtractedEntities } from '@lantern/contracts';

export const CONTACT_LINK_KEY = Symbol('CONTACT_LINK_KEY');

export type ContactKind = 'phone' | 'email' | 'handle';

/**
 * Keyed HMACs of an ad's contacts, in the classifier's format ("phone:<hex>"), so the contact index
 * links ads by contact without holding a phone number or address that a leaked table would expose.
 */
export function contactKeysOf(entities: ExtractedEntities, linkKey: string): Array<{ contactKey: string; kind: ContactKind }> {
  const keys = new Map<string, ContactKind>();
  const add = (kind: ContactKind, value: string) => {
    keys.set(`${kind}:${createHmac('sha256', linkKey).update(`${kind}:${value}`).digest('hex')}`, kind);
  };
  for (const p of entities.phones) add('phone', p.e164);
  for (const e of entities.emails) add('email', e.address.toLowerCase());
  for (const h of entities.handles) {
    if (/^\+[0-9]{7,15}$/.test(h.value)) add('phone', h.value);
    add('handle', `${h.platform}:${h.value.toLowerCase()}`);
  }
  return [...keys].slice(0, 100).map(([contactKey, kind]) => ({ contactKey, kind }));
}
