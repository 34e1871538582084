import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@lantern/platform';
import { DataSource, In } from 'typeorm';
import { AdContactEntity, AdEntity } from './ad.entity';
import { maskEntities, maskIndicators, maskRawAd, maskText, seesRawContacts } from './contact-masking';

export interface AdSummary {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  country: string | null;
  language: string;
  risk: { score: number; probability: number; level: string };
  indicatorIds: string[];
  scoredAt: string;
}

export type AdDetail = Omit<AdEntity, 'searchText'> & { contactsMasked: boolean };

export interface LinkedAd {
  adId: string;
  /** How it is linked: a shared contact kind (phone, email, handle) or near-duplicate text. */
  via: string[];
  /** Null when the classifier knows the ad but this store does not (yet). */
  ad: AdSummary | null;
}

const LINKED_LIMIT = 100;

/** Titles are free text too: masked like the rest of the ad for roles that do not see contacts. */
export function summaryOf(ad: AdEntity, role: Role): AdSummary {
  return {
    id: ad.id,
    source: ad.source,
    url: ad.url,
    title:
      ad.title && !seesRawContacts(role)
        ? maskText(
            ad.title,
            ad.entities.handles.map((h) => h.value),
          )
        : ad.title,
    country: ad.country,
    language: ad.language,
    risk: { score: ad.riskScore, probability: ad.riskProbability, level: ad.riskLevel },
    indicatorIds: ad.indicators.map((i) => i.id),
    scoredAt: ad.scoredAt,
  };
}

/** An ad as a role may see it: contacts in the raw ad, entities and evidence masked unless the role sees raw contacts. */
export function adDetailFor(ad: AdEntity, role: Role): AdDetail {
  const { searchText: _searchText, ...visible } = ad;
  if (seesRawContacts(role)) return { ...visible, contactsMasked: false };
  return {
    ...visible,
    ad: maskRawAd(ad.ad, ad.entities),
    entities: maskEntities(ad.entities),
    indicators: maskIndicators(ad.indicators, ad.entities),
    contactsMasked: true,
  };
}

/** Read side of ads shared by the ads and alerts controllers. */
@Injectable()
export class AdViews {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: string): Promise<AdEntity | null> {
    return this.dataSource.getRepository(AdEntity).findOne({ where: { id } });
  }

  async summaries(ids: string[], role: Role): Promise<Map<string, AdSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(AdEntity).find({ where: { id: In(ids) } });
    return new Map(rows.map((row) => [row.id, summaryOf(row, role)]));
  }

  /** Ads sharing a contact (by keyed HMAC) with this one, and ads the classifier found near-duplicate or contact-linked. */
  async linked(ad: AdEntity, role: Role): Promise<LinkedAd[]> {
    const via = new Map<string, Set<string>>();
    const add = (adId: string, how: string) => {
      if (adId === ad.id) return;
      const set = via.get(adId) ?? new Set<string>();
      set.add(how);
      via.set(adId, set);
    };
    const shared = await this.dataSource
      .getRepository(AdContactEntity)
      .createQueryBuilder('mine')
      .innerJoin(AdContactEntity, 'other', 'other.contact_key = mine.contact_key AND other.ad_id <> mine.ad_id')
      .select('other.ad_id', 'adId')
      .addSelect('other.kind', 'kind')
      .where('mine.ad_id = :id', { id: ad.id })
      .limit(LINKED_LIMIT * 3)
      .getRawMany<{ adId: string; kind: string }>();
    for (const row of shared) add(row.adId, `shared ${row.kind}`);
    for (const indicator of ad.indicators) {
      if (!indicator.id.startsWith('linkage.')) continue;
      const how = indicator.id === 'linkage.near_duplicate_text' ? 'near-duplicate text' : 'shared contact (classifier)';
      for (const id of indicator.linkedAdIds ?? []) add(id, how);
    }
    const ids = [...via.keys()].slice(0, LINKED_LIMIT);
    const summaries = await this.summaries(ids, role);
    return ids.map((adId) => ({ adId, via: [...(via.get(adId) ?? [])].sort(), ad: summaries.get(adId) ?? null }));
  }
}
