import { normalize } from '../normalize/normalize';
import { digitsView } from '../normalize/digits-view';
import { extractEmails, extractHandles, extractPhones, extractUrls, isFreeMail } from './contacts';
import { extractAges, extractGenders, GENDER_WORDS } from './demographics';
import { toMonthlyUsd } from './fx-rates';
import { extractMoney } from './money';
import { extractPlaces } from './places';

const fold = (s: string) => normalize(s).text;

describe('phones', () => {
  it('finds international and local numbers as E.164', () => {
    const text = fold('Call +971 50 123 4567 or 0300-1234567 today');
    expect(extractPhones(digitsView(text), 'PK')).toEqual([
      { e164: '+971501234567', country: 'AE' },
      { e164: '+923001234567', country: 'PK' },
    ]);
  });

  it('reads numbers written in words, spaced out or with letters for digits', () => {
    expect(extractPhones(digitsView(fold('whatsapp nine seven one five zero one two three four five six seven')), undefined)).toEqual([
      { e164: '+971501234567', country: 'AE' },
    ]);
    expect(extractPhones(digitsView(fold('0 3 0 0 1 2 3 4 5 6 7')), 'PK')).toEqual([{ e164: '+923001234567', country: 'PK' }]);
    expect(extractPhones(digitsView(fold('+97l 5O 123 4567')), undefined)).toEqual([{ e164: '+971501234567', country: 'AE' }]);
    expect(extractPhones(digitsView(fold('contact 00971501234567')), 'GB')).toEqual([{ e164: '+971501234567', country: 'AE' }]);
    expect(extractPhones(digitsView(fold('٠٣٠٠١٢٣٤٥٦٧')), 'PK')).toEqual([{ e164: '+923001234567', country: 'PK' }]);
  });

  it('reads a number again the same way, and per region (numbers are remembered across ads)', () => {
    const text = digitsView(fold('Call 0300-1234567 on whatsapp 0300 1234567'));
    const first = extractPhones(text, 'PK');
    expect(first).toEqual([{ e164: '+923001234567', country: 'PK' }]);
    expect(extractPhones(text, 'PK')).toEqual(first);
    expect(extractHandles(fold('whatsapp 0300 1234567'), text, 'PK')).toEqual([{ platform: 'whatsapp', value: '+923001234567' }]);
    // the same digits in another region are another number, or none
    expect(extractPhones(text, 'GB')).not.toEqual(first);
  });

  it('reads "constructor" as a word, not as a number word', () => {
    expect(digitsView('constructor one 300 1234')).toBe('constructor one 300 1234');
  });
  it('ignores years, amounts and short numbers', () => {
    expect(extractPhones(digitsView(fold('Since 2015, salary 3000 USD, room 12')), 'GB')).toEqual([]);
  });
});

describe('emails', () => {
  it('marks free-mail providers', () => {
    expect(extractEmails(fold('Send CV to Jobs.Abroad@Gmail.com or hr@northwind-traders.co.uk'))).toEqual([
      { address: 'jobs.abroad@gmail.com', freeMail: true },
      { address: 'hr@northwind-traders.co.uk', freeMail: false },
    ]);
    for (const d of [
      'yahoo.co.in',
      'hotmail.fr',
      'outlook.com',
      'mail.ru',
      'yandex.ru',
      'proton.me',
      'icloud.com',
      'gmx.de',
      'rediffmail.com',
      'qq.com',
      '163.com',
      'aol.com',
      'live.com',
    ]) {
      expect(isFreeMail(d)).toBe(true);
    }
    expect(isFreeMail('mail.northwind.com')).toBe(false);
  });

  it('reads spelled-out addresses', () => {
    expect(extractEmails(fold('email: recruit.team (at) gmail (dot) com'))).toEqual([
      { address: 'recruit.team@gmail.com', freeMail: true },
    ]);
    expect(extractEmails(fold('write to maria at yahoo dot com'))).toEqual([{ address: 'maria@yahoo.com', freeMail: true }]);
    expect(extractEmails(fold('meet at hotel dot com'))).toEqual([]);
  });
});

describe('messaging handles and URLs', () => {
  it('finds app links and app numbers', () => {
    const text = fold('Apply: wa.me/971501234567, t.me/JobsAbroad_2024, telegram: @dubai_jobs, WeChat ID: work888, viber +63 917 123 4567');
    const handles = extractHandles(text, digitsView(text), undefined);
    expect(handles).toEqual(
      expect.arrayContaining([
        { platform: 'whatsapp', value: '+971501234567' },
        { platform: 'telegram', value: '@jobsabroad_2024' },
        { platform: 'telegram', value: '@dubai_jobs' },
        { platform: 'wechat', value: 'work888' },
        { platform: 'viber', value: '+639171234567' },
      ]),
    );
    expect(extractHandles(fold('join chat.whatsapp.com/AbCdEfGh1234'), '', undefined)).toEqual([
      { platform: 'whatsapp', value: 'group:abcdefgh1234' },
    ]);
  });

  it('reads obfuscated app names before numbers', () => {
    const text = fold('w h a t s a p p: nine seven one five zero one two three four five six seven');
    expect(extractHandles(text, digitsView(text), undefined)).toEqual([{ platform: 'whatsapp', value: '+971501234567' }]);
  });

  it('marks link shorteners and keeps the case of paths', () => {
    expect(extractUrls(['Details: https://bit.ly/3AbCdE and www.northwind.example/careers.'])).toEqual([
      { url: 'https://bit.ly/3AbCdE', shortener: true },
      { url: 'www.northwind.example/careers', shortener: false },
    ]);
    expect(extractUrls(['go to cutt.ly/Xy12 now'])).toEqual([{ url: 'cutt.ly/Xy12', shortener: true }]);
  });
});

describe('money', () => {
  const one = (s: string, ctx = {}) => extractMoney(fold(s), ctx)[0];

  it('reads amount, currency and period in several languages', () => {
    expect(one('$3,000/month')).toEqual({ amount: 3000, currency: 'USD', period: 'month', monthlyUsd: 3000 });
    expect(one('AED 2500 per month')).toMatchObject({ amount: 2500, currency: 'AED', period: 'month', monthlyUsd: 680.74 });
    expect(one('Rs. 80,000 mahina', { country: 'PK' })).toMatchObject({ amount: 80000, currency: 'PKR', period: 'month' });
    expect(one('1500 euros al mes')).toMatchObject({ amount: 1500, currency: 'EUR', period: 'month' });
    expect(one('50 000 руб. в месяц')).toMatchObject({ amount: 50000, currency: 'RUB', period: 'month' });
    expect(one('$500 a day')).toEqual({ amount: 500, currency: 'USD', period: 'day', monthlyUsd: 11000 });
    expect(one('Salary: 3000-4000 USD')).toEqual({ amount: 4000, currency: 'USD', period: 'unknown' });
    expect(one('£12.50 per hour')).toMatchObject({ amount: 12.5, currency: 'GBP', period: 'hour' });
    expect(one('gaji Rp 5 juta per bulan')).toMatchObject({ amount: 5_000_000, currency: 'IDR', period: 'month' });
    expect(one('sahod 25,000 pesos kada buwan', { language: 'tl' })).toMatchObject({ amount: 25000, currency: 'PHP', period: 'month' });
    expect(one('$60k per year')).toMatchObject({ amount: 60000, period: 'year', monthlyUsd: 5000 });
  });

  it('converts with the documented multipliers', () => {
    expect(toMonthlyUsd(10, 'USD', 'hour')).toBe(1730);
    expect(toMonthlyUsd(100, 'USD', 'week')).toBe(433);
    expect(toMonthlyUsd(1, 'XXX', 'month')).toBeUndefined();
  });

  it('needs a currency', () => {
    expect(extractMoney(fold('We have 3000 employees since 2010'))).toEqual([]);
  });
});

describe('ages and genders', () => {
  it('reads age ranges and limits', () => {
    expect(extractAges(fold('Age 18-25, girls only'))).toEqual([{ min: 18, max: 25 }]);
    expect(extractAges(fold('edad 20 a 30 años'))).toEqual([{ min: 20, max: 30 }]);
    expect(extractAges(fold('возраст от 18 до 30 лет'))).toEqual([{ min: 18, max: 30 }]);
    expect(extractAges(fold('Applicants under 30 years'))).toEqual([{ max: 30 }]);
    expect(extractAges(fold('minimum 21 years'))).toEqual([{ min: 21 }]);
    expect(extractAges(fold('Open 9-17 daily, 2010-2020 results'))).toEqual([]);
  });

  it('reads gender words in several languages', () => {
    expect(extractGenders(fold('Girls only'))).toEqual(['female']);
    expect(extractGenders(fold('Se buscan mujeres'))).toEqual(['female']);
    expect(extractGenders(fold('Требуются девушки'))).toEqual(['female']);
    expect(extractGenders(fold('صرف لڑکیاں'))).toEqual(['female']);
    expect(extractGenders(fold('Men and women welcome'))).toEqual(['male', 'female']);
    expect(extractGenders(fold('Female nurses and male drivers'))).toEqual(['female', 'male']);
    expect(extractGenders(fold('Dicari laki-laki dan perempuan'))).toEqual(['male', 'female']);
    expect(extractGenders(fold('laki-lakix, womenfolk, xmen'))).toEqual([]);
  });

  it('finds gender words exactly where a whole-word regular expression does', () => {
    // the regular expression the word scan replaced, as the reference
    const words = [...GENDER_WORDS.female, ...GENDER_WORDS.male];
    const reference = new RegExp(`(?<![\\p{L}\\p{M}])(${words.join('|')})(?![\\p{L}\\p{M}])`, 'gu');
    const female = new Set(GENDER_WORDS.female);
    const expected = (text: string) => {
      const found = new Set<string>();
      for (const m of text.matchAll(reference)) found.add(female.has(m[1] ?? '') ? 'female' : 'male');
      return [...found];
    };
    // whole words, words glued to letters, marks, digits, an astral letter and separators, at random
    const pieces = [...words, 'laki', '-', 'x', '\u0301', '7', ' ', ',', '𝐀', 'क', 'ladies2'];
    let state = 7;
    for (let k = 0; k < 5_000; k++) {
      let text = '';
      for (let p = 0; p < 6; p++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        text += pieces[(state >>> 8) % pieces.length];
      }
      expect([text, extractGenders(text)]).toEqual([text, expected(text)]);
    }
  });
});

describe('places', () => {
  it('finds countries and cities in several scripts', () => {
    expect(extractPlaces(fold('Jobs in Dubai and Abu Dhabi, also Kuala Lumpur'))).toEqual([
      { name: 'Dubai', country: 'AE' },
      { name: 'Abu Dhabi', country: 'AE' },
      { name: 'Kuala Lumpur', country: 'MY' },
    ]);
    expect(extractPlaces(fold('Работа в Польше и Москве'))).toEqual([{ name: 'Poland', country: 'PL' }]);
    expect(extractPlaces(fold('Работа в Польша, Москва'))).toEqual([
      { name: 'Poland', country: 'PL' },
      { name: 'Moscow', country: 'RU' },
    ]);
    expect(extractPlaces(fold('وظائف في دبي والسعودية'))).toEqual([
      { name: 'Dubai', country: 'AE' },
      { name: 'Saudi Arabia', country: 'SA' },
    ]);
    expect(extractPlaces(fold('दुबई और क़तर में नौकरी'))).toEqual([{ name: 'Dubai', country: 'AE' }]);
    expect(extractPlaces(fold('Trabajo en España y Emiratos Árabes Unidos'))).toEqual([
      { name: 'Spain', country: 'ES' },
      { name: 'United Arab Emirates', country: 'AE' },
    ]);
  });

  it('leaves ordinary words alone', () => {
    expect(extractPlaces(fold('A nice split shift for us, lima pekerja'))).toEqual([]);
  });
});
