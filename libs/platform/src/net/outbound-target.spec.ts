import { checkOutboundTarget, OutboundTargetError, pinnedLookup } from './outbound-target';
import { isPublicAddress } from './address';

describe('isPublicAddress', () => {
  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '2130706433',
    '0177.0.0.1',
    '0x7f.1',
    '2002:7f00:1::1',
    '2001:0:4136:e378::1',
    'not-an-ip',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('checkOutboundTarget', () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('accepts a name that resolves only to public addresses and pins the first', async () => {
    const target = await checkOutboundTarget('https://hooks.example.org/in', { allowPrivate: false, resolve: resolveTo('93.184.216.34') });
    expect(target).toMatchObject({ address: '93.184.216.34', family: 4 });
    expect(target.url.hostname).toBe('hooks.example.org');
  });

  it.each([
    ['a private literal', 'http://10.0.0.5/hook', resolveTo()],
    ['a loopback IPv6 literal', 'http://[::1]:8080/hook', resolveTo()],
    ['a name with one private record among public ones', 'https://mixed.example.org/', resolveTo('93.184.216.34', '127.0.0.1')],
    ['the cloud metadata address', 'http://metadata.example.org/', resolveTo('169.254.169.254')],
  ])('refuses %s', async (_what, url, resolve) => {
    await expect(checkOutboundTarget(url, { allowPrivate: false, resolve })).rejects.toBeInstanceOf(OutboundTargetError);
  });

  it.each([
    'ftp://example.org/x',
    'file:///etc/passwd',
    'http://user:pw@example.org/',
    'not a url',
    `https://example.org/${'a'.repeat(2100)}`,
  ])('refuses %s before any lookup', async (url) => {
    const resolve = jest.fn(resolveTo('93.184.216.34'));
    await expect(checkOutboundTarget(url, { allowPrivate: false, resolve })).rejects.toBeInstanceOf(OutboundTargetError);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('lets private targets through only when allowed', async () => {
    await expect(checkOutboundTarget('http://127.0.0.1:9/x', { allowPrivate: true })).resolves.toMatchObject({ address: '127.0.0.1' });
  });

  it('answers every lookup with the checked address', async () => {
    const target = await checkOutboundTarget('https://hooks.example.org/', { allowPrivate: false, resolve: resolveTo('93.184.216.34') });
    const lookup = pinnedLookup(target);
    const answer = await new Promise<unknown[]>((resolve) => lookup('rebound.example.org', {}, (...args: unknown[]) => resolve(args)));
    expect(answer).toEqual([null, '93.184.216.34', 4]);
  });
});
