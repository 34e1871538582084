import { maskEmail, maskPhone, maskText } from './contact-masking';

// INVENTED TEST FIXTURES: contacts from reserved example ranges and domains.
describe('contact masking', () => {
  it('masks phones and emails in free text, whatever their punctuation', () => {
    const text = 'Call +44 7700 900123, (020) 7946-0000 or write to fixture.agent@example.org. Pay 1500 EUR.';
    const masked = maskText(text, []);
    expect(masked).not.toMatch(/7700 900123|7946-0000|fixture\.agent@/);
    expect(masked).toContain('Pay 1500 EUR');
    expect(masked).toContain('@example.org');
  });

  it('masks handles the extractor found, and keeps a hint of structured values', () => {
    expect(maskText('Telegram: fixture_recruiter now', ['fixture_recruiter'])).toBe('Telegram: ••• now');
    expect(maskPhone('+447700900123')).toBe('+44•••23');
    expect(maskEmail('fixture.agent@example.org')).toBe('f•••@example.org');
  });
});
