import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0', 'sub_a');
    expect(sealed).not.toContain('c2VjcmV0');
    expect(box.open(sealed, 'sub_a')).toBe('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    expect(box.seal('same', 'sub_a')).not.toBe(box.seal('same', 'sub_a'));
  });

  it('refuses a ciphertext moved to another subscription, tampered with, or sealed under another key', () => {
    const sealed = box.seal('whsec_x', 'sub_a');
    expect(() => box.open(sealed, 'sub_b')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('whsec_y').toString('base64');
    expect(() => box.open(parts.join('.'), 'sub_a')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'sub_a')).toThrow();
    expect(() => new SecretBox(randomBytes(16))).toThrow();
  });
});
