import { canonicalIp, classifyAddress, parseIPv4 } from './address';

describe('address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['2130706433', 'loopback'], // decimal
    ['0x7f000001', 'loopback'], // hex
    ['0x7f.0x0.0x0.0x1', 'loopback'],
    ['0177.0.0.1', 'loopback'], // octal
    ['017700000001', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['127.0.0.1.', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['3232235777', 'private'], // 192.168.1.1 in decimal
    ['169.254.169.254', 'link-local'], // cloud metadata
    ['0xa9fea9fe', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'ipv4-mapped'],
    ['::ffff:7f00:1', 'ipv4-mapped'],
    ['::ffff:169.254.169.254', 'ipv4-mapped'],
    ['::ffff:8.8.8.8', 'ipv4-mapped'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::7f00:1', 'nat64'],
    ['64:ff9b::10.0.0.1', 'nat64'],
    ['64:ff9b:1::1', 'nat64'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'teredo'],
    ['2002:7f00:1::1', '6to4'],
    ['100::1', 'reserved'],
    ['::ffff:0:7f00:1', 'translation'],
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each(['example.org', '1.2.3.4.5', '256.1.1.1', '1.2.3.256x', '08.1.1.1', ':::1', ''])('%s is not an IP literal', (text) => {
    expect(classifyAddress(text)).toBe('invalid');
  });

  it('expands every inet_aton spelling to the address that would be connected to', () => {
    expect(parseIPv4('2130706434')).toEqual([127, 0, 0, 2]);
    expect(parseIPv4('127.16777215')).toEqual([127, 255, 255, 255]);
    expect(parseIPv4('1.2.65535')).toEqual([1, 2, 255, 255]);
    expect(parseIPv4('1.2.65536')).toBeUndefined();
    expect(canonicalIp('0x7f.1')).toBe('127.0.0.1');
    expect(canonicalIp('::ffff:127.0.0.1')).toBe('0:0:0:0:0:ffff:7f00:1');
  });
});
