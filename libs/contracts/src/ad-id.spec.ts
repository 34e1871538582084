import { adIdOf, canonicalUrl, contentHashOf } from './ad-id';

describe('canonicalUrl', () => {
  it('drops fragments, tracking parameters and default ports, and sorts the rest', () => {
    expect(canonicalUrl('HTTPS://Jobs.Example.org:443/ad/42/?utm_source=x&b=2&a=1#apply')).toBe('https://jobs.example.org/ad/42?a=1&b=2');
  });

  it('refuses anything that is not http(s)', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
  });
});

describe('adIdOf', () => {
  it('gives the same id to the same ad reached through different links', () => {
    const a = adIdOf({ source: 'board', url: 'https://example.org/ad/1?utm_medium=feed' });
    const b = adIdOf({ source: 'board', url: 'https://EXAMPLE.org/ad/1#top' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('separates sources and falls back to external id, then content', () => {
    const url = 'https://example.org/ad/1';
    expect(adIdOf({ source: 'a', url })).not.toBe(adIdOf({ source: 'b', url }));
    expect(adIdOf({ source: 'a', externalId: '77' })).not.toBe(adIdOf({ source: 'a', externalId: '78' }));
    const hash = contentHashOf(['title', 'text']);
    expect(adIdOf({ source: 'tip', contentHash: hash })).toBe(adIdOf({ source: 'tip', contentHash: hash }));
    expect(() => adIdOf({ source: 'tip' })).toThrow(/needs a URL/);
  });
});

describe('contentHashOf', () => {
  it('does not confuse field boundaries', () => {
    expect(contentHashOf(['ab', 'c'])).not.toBe(contentHashOf(['a', 'bc']));
  });
});
