import type { ExtractedEntities } from '@lantern/contracts';
import type { AdInput, LanguageGuess } from '../types';
import { LANGUAGE_HOME } from '../language/detect-language';
import { digitsView } from '../normalize/digits-view';
import { extractEmails, extractHandles, extractPhones, extractUrls } from './contacts';
import { extractAges, extractGenders } from './demographics';
import { extractMoney } from './money';
import { extractPlaces } from './places';

/** Every entity of an ad from its folded text (`folded`) and original fields. */
export function extractEntities(ad: AdInput, folded: string, originals: readonly string[], language: LanguageGuess): ExtractedEntities {
  const country = ad.location?.country ?? LANGUAGE_HOME[language.code];
  const digits = digitsView(folded);
  return {
    phones: extractPhones(digits, country, ad.contacts?.phones ?? []),
    emails: extractEmails(folded, ad.contacts?.emails ?? []),
    handles: extractHandles(folded, digits, country),
    urls: extractUrls(originals, ad.contacts?.urls ?? []),
    money: extractMoney(folded, { country, language: language.code }),
    ages: extractAges(folded),
    genders: extractGenders(folded),
    places: extractPlaces(folded),
  };
}
