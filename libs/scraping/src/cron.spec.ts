import { nextCronTime, parseCron } from './cron';

const next = (expression: string, after: string) => nextCronTime(parseCron(expression), new Date(after)).toISOString();

describe('cron', () => {
  it('finds the next matching minute', () => {
    expect(next('*/15 * * * *', '2026-11-29T03:07:30Z')).toBe('2026-11-29T03:15:00.000Z');
    expect(next('0 * * * *', '2026-11-29T03:00:00Z')).toBe('2026-11-29T04:00:00.000Z');
    expect(next('30 2 * * *', '2026-11-29T03:00:00Z')).toBe('2026-11-30T02:30:00.000Z');
    expect(next('0 9 * * mon-fri', '2026-11-28T10:00:00Z')).toBe('2026-11-30T09:00:00.000Z'); // Saturday -> Monday
    expect(next('0 0 1 jan *', '2026-11-29T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('@daily', '2026-11-29T23:59:00Z')).toBe('2026-11-30T00:00:00.000Z');
    expect(next('5,35 1-3 * * *', '2026-11-29T01:10:00Z')).toBe('2026-11-29T01:35:00.000Z');
    expect(next('0 0 * * 7', '2026-11-28T12:00:00Z')).toBe('2026-11-29T00:00:00.000Z'); // 7 is Sunday too
  });

  it('runs on either day field when both are restricted (Vixie cron)', () => {
    // 1st of the month OR a Friday: Friday 4 December comes before 1 January.
    expect(next('0 0 1 * fri', '2026-12-01T12:00:00Z')).toBe('2026-12-04T00:00:00.000Z');
  });

  it.each(['* * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '*/0 * * * *', '5-1 * * * *', 'a * * * *'])(
    'refuses %s',
    (expression) => {
      expect(() => parseCron(expression)).toThrow();
    },
  );

  it('refuses an expression that never matches', () => {
    expect(() => nextCronTime(parseCron('0 0 31 2 *'), new Date('2026-01-01T00:00:00Z'))).toThrow('never matches');
  });
});
