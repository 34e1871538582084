import { digitsView } from './digits-view';
import { foldPattern, normalize, originalSpan } from './normalize';

function span(original: string, needle: string, html = false): string {
  const n = normalize(original, { html });
  const at = n.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const o = originalSpan(n, at, at + needle.length);
  return original.slice(o.start, o.end);
}

describe('normalize', () => {
  it('folds case, accents, NFKC forms and white space', () => {
    expect(normalize('  Inscripción   SALÁRIO\t\tﬁnal  Ｗｏｒｋ ').text).toBe('inscripcion salario final work');
    expect(normalize('Straße Łódź').text).toBe('strasse lodz');
    expect(normalize('line one\r\n\r\n  line two').text).toBe('line one\nline two');
  });

  it('maps every folded character back to the original', () => {
    const original = 'Free  VÍSA and\u200b ticket';
    expect(span(original, 'visa and ticket')).toBe('VÍSA and\u200b ticket');
    expect(span('e\u0301xito total', 'exito')).toBe('e\u0301xito');
  });

  it('removes zero-width and bidi controls inside words', () => {
    expect(normalize('wh\u200ba\u200dts\u2066app pass\u00adport').text).toBe('whatsapp passport');
  });

  it('folds Cyrillic and Greek look-alikes inside Latin words only', () => {
    expect(normalize('tourist v\u0456s\u0430 only').text).toBe('tourist visa only');
    expect(normalize('раб\u043eта в Польше').text).toBe('работа в польше');
    expect(normalize('ΡΑSSΡΟRΤ').text).toBe('passport');
  });

  it('joins letters spelled out with spaces or punctuation', () => {
    expect(normalize('contact w h a t s a p p now').text).toBe('contact whatsapp now');
    expect(normalize('w.h.a.t.s.a.p.p').text).toBe('whatsapp');
    expect(normalize('t-e-l-e-g-r-a-m only').text).toBe('telegram only');
    expect(span('msg W h A t S a P p 24/7', 'whatsapp')).toBe('W h A t S a P p');
  });

  it('does not join ordinary short words', () => {
    expect(normalize('I am a cook, e.g. in a hotel').text).toBe('i am a cook, e.g. in a hotel');
    expect(normalize('Plan A or B').text).toBe('plan a or b');
  });

  it('reads symbols standing for letters and split app names', () => {
    expect(normalize('wh@ts app me').text).toBe('whatsapp me');
    expect(normalize('Whats App +1').text).toBe('whatsapp +1');
    expect(normalize('tele gram: @jobs').text).toBe('telegram: @jobs');
    expect(normalize('mail hr@firm.com').text).toBe('mail hr@firm.com');
    expect(span('wh@ts app me', 'whatsapp')).toBe('wh@ts app');
  });

  it('unifies Arabic letter variants and drops diacritics and tatweel', () => {
    expect(normalize('\u0623\u064e\u062c\u0640\u0640\u0631').text).toBe('\u0627\u062c\u0631');
    expect(normalize('\u06a9\u0627\u0645 \u06cc\u06c1').text).toBe('\u0643\u0627\u0645 \u064a\u0647');
  });

  it('turns digits of every script into ASCII', () => {
    expect(normalize('\u0660\u0663\u0660\u0660 \u06f1\u06f2 \u0967\u0968 \uff19').text).toBe('0300 12 12 9');
  });

  it('treats emoji and symbols as spaces', () => {
    expect(normalize('Jobs🔥in✈️Dubai★now•apply').text).toBe('jobs in dubai now apply');
  });

  it('strips HTML and maps back into the HTML', () => {
    const html = '<div><p>Free <b>visa</b> &amp; ticket</p><script>var x="visa";</script><li>Call&nbsp;now</li></div>';
    const n = normalize(html, { html: true });
    expect(n.text).toBe('free visa & ticket\ncall now');
    expect(span(html, 'visa & ticket', true)).toBe('visa</b> &amp; ticket');
  });

  it('counts scripts', () => {
    expect(normalize('Работа в Dubai').scripts).toEqual({ Cyrl: 7, Latn: 5 });
  });
});

describe('foldPattern', () => {
  it('folds accents and Arabic variants but keeps escapes and case', () => {
    expect(foldPattern('inscripción\\s+\\S+')).toBe('inscripcion\\s+\\S+');
    expect(foldPattern('[أإ]جر')).toBe('[اا]جر');
  });
});

describe('digitsView', () => {
  it('reads number words in several languages', () => {
    expect(digitsView('call nine 7 one five zero one two three four five six')).toBe('call 97150123456');
    expect(digitsView('llama nueve siete uno cinco cero uno dos tres')).toBe('llama 97150123');
    expect(digitsView('номер девять семь один пять ноль один два')).toBe('номер 9715012');
    expect(digitsView('nambar zero teen do ek saat aath nau')).toBe('nambar 0321789');
  });

  it('reads O and l only inside digit runs', () => {
    expect(digitsView('+97l 5O 123 4567')).toBe('+971 50 123 4567');
    expect(digitsView('hello world lol')).toBe('hello world lol');
  });

  it('leaves short numbers and ordinary words alone', () => {
    expect(digitsView('i have one or two questions')).toBe('i have one or two questions');
    expect(digitsView('do 0300 1234567')).toBe('do 0300 1234567');
  });
});
