import type { RawAdV1 } from '@lantern/contracts';
import { makeRawAd } from '@lantern/testing';

// INVENTED TEST FIXTURES: synthetic ads written for the dashboard's browser tests, not taken from any dataset.

const JOBS = [
  'hotel cleaner',
  'factory packer',
  'farm picker',
  'restaurant helper',
  'nanny',
  'waitress',
  'massage staff',
  'warehouse loader',
];
const COUNTRIES = ['GB', 'DE', 'AE', 'PL', 'IT'];

/** High-risk lures: a fee, a kept passport, free travel, an age and gender limit, a chat-app contact. */
export function lureAd(n: number): RawAdV1 {
  const job = JOBS[n % JOBS.length]!;
  return makeRawAd(5000 + n, {
    source: 'dashboard-fixture',
    url: `https://jobs.example.org/dashboard-fixture/${n}`,
    title: `Urgent ${job} abroad, high salary ${1800 + n} EUR`,
    description:
      `Invented fixture ${n}. Work as ${job} abroad. You must pay a registration fee of ${300 + n} USD before departure. ` +
      'The employer will keep your passport for safety during the contract. Free visa and free ticket. ' +
      'Only girls 18-25 can apply. No experience needed. Contact us only on WhatsApp +44 7700 900' +
      String(100 + n).padStart(3, '0') +
      '.',
    location: { raw: 'abroad', country: COUNTRIES[n % COUNTRIES.length]! },
  });
}

/** Markers the XSS payloads would set if any of them ever ran. */
export const PWNED = '__lanternPwned';

/**
 * Hostile ads: every field a criminal controls carries markup, handlers, script URLs or bidi tricks,
 * wrapped around the same lure wording so that they raise alerts and reach the analyst's screen.
 */
export function hostileAds(): RawAdV1[] {
  const lure =
    ' Pay a registration fee of 400 USD before departure. The employer will keep your passport. Free visa and free ticket. ' +
    'Only girls 18-25. Contact on WhatsApp +44 7700 900999.';
  const payloads: Array<Partial<RawAdV1>> = [
    {
      title: `<script>window.${PWNED}='script-title'</script>Cleaner abroad`,
      description: `<script>window.${PWNED}='script'</script>${lure}`,
    },
    {
      title: 'Hotel job <img src=x onerror="window.__lanternPwned=\'img\'">',
      description: `<img src="https://tracker.example.net/pixel.png" onerror="window.${PWNED}='onerror'"> <b onmouseover="window.${PWNED}='hover'">hover me</b>${lure}`,
    },
    {
      title: 'Farm work <a href="javascript:window.__lanternPwned=1">apply</a>',
      description: `Apply: javascript:window.${PWNED}='js-url' or <a href="data:text/html,<script>parent.${PWNED}='data'</script>">here</a>${lure}`,
      url: `javascript:window.${PWNED}='ad-url'`,
    },
    {
      title: 'Nanny <svg onload="window.__lanternPwned=\'svg\'"><circle r=5 /></svg>',
      description: `<svg><script>window.${PWNED}='svg-script'</script></svg><iframe src="javascript:parent.${PWNED}='iframe'"></iframe>${lure}`,
      url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    },
    {
      title: 'Waitress <style>body{display:none}</style>',
      description: `<style>*{background:url("https://tracker.example.net/css")}</style><div style="position:fixed;inset:0">overlay</div>${lure}`,
    },
    {
      // U+202E turns what follows around on screen: "exe.pdf" shown as "fdp.exe"-style disguises.
      title: 'Factory job \u202Eexe.tnemucod\u202C and \u2066isolated\u2069',
      description: `Send your CV to cv\u202Eexe.fdp\u202C today.${lure}`,
    },
  ];
  return payloads.map(({ url: hostileUrl, ...overrides }, index) => {
    const ad = makeRawAd(6000 + index, {
      source: 'dashboard-hostile',
      url: `https://jobs.example.org/dashboard-hostile/${index}`,
      location: { raw: '<b>Dubai</b>', country: 'AE' },
      company: `<a href="javascript:window.${PWNED}='company'">ACME</a>`,
      ...overrides,
    });
    // The id comes from the real listing URL; the URL field then carries the hostile value.
    return hostileUrl ? { ...ad, url: hostileUrl } : ad;
  });
}
