import { normalize } from '../normalize/normalize';
import { detectLanguage } from './detect-language';

function detect(text: string, hint?: string) {
  const n = normalize(text);
  return detectLanguage(n.text, n.scripts, hint);
}

describe('detectLanguage', () => {
  const cases: Array<[string, string, string]> = [
    ['en', 'Latn', 'We are looking for drivers with a clean licence. Apply with your CV and we will call you.'],
    ['es', 'Latn', 'Buscamos camareros para trabajar en un hotel de la costa. El sueldo es muy bueno y no se necesita experiencia.'],
    ['fr', 'Latn', 'Nous recherchons des serveurs pour un restaurant à Lyon. Vous serez logé et le salaire est payé chaque mois.'],
    ['pt', 'Latn', 'Estamos contratando auxiliares de limpeza para uma empresa em Lisboa. Não é preciso experiência, você começa já.'],
    ['ro', 'Latn', 'Oferim locuri de muncă în Germania pentru muncitori necalificați. Cazare gratuită și salariu bun pe lună.'],
    ['tl', 'Latn', 'Kailangan namin ng mga kasambahay sa Riyadh. Libre ang pamasahe at walang placement fee para sa inyo.'],
    ['id', 'Latn', 'Dibutuhkan segera pekerja pabrik di Malaysia. Gaji besar, tanpa pengalaman, tempat tinggal disediakan untuk anda.'],
    ['ur-Latn', 'Latn', 'Dubai mein kaam ke liye larke chahiye. Tankhwah achi hai aur visa bhi company degi, abhi rabta karein.'],
    ['ru', 'Cyrl', 'Требуются работники на склад в Польше. Работа без опыта, жильё предоставляется, зарплата от 1500 евро.'],
    ['uk', 'Cyrl', 'Потрібні працівники на завод у Чехії. Робота без досвіду, житло надається, зарплата від 1200 євро.'],
    ['ar', 'Arab', 'مطلوب عمال للعمل في مصنع في دبي. الراتب جيد والسكن مجاني مع تذكرة الطيران.'],
    ['ur', 'Arab', 'دبئی میں کام کے لیے لڑکوں کی ضرورت ہے۔ تنخواہ اچھی ہے اور ویزا بھی کمپنی دے گی۔'],
    ['hi', 'Deva', 'दुबई में काम के लिए लड़कों की ज़रूरत है। वेतन अच्छा है और वीज़ा भी कंपनी देगी।'],
    ['ne', 'Deva', 'कतारमा काम गर्न कामदार चाहिन्छ। तलब राम्रो छ र भिसा पनि कम्पनीले दिन्छ।'],
    ['bn', 'Beng', 'দুবাইতে কাজের জন্য লোক দরকার। বেতন ভালো এবং ভিসা ফ্রি।'],
  ];

  it.each(cases)('detects %s (%s)', (code, script, text) => {
    const guess = detect(text);
    expect(guess.code).toBe(code);
    expect(guess.script).toBe(script);
    expect(guess.confidence).toBeGreaterThan(0.2);
  });

  it('says und for empty or letterless text', () => {
    expect(detect('').code).toBe('und');
    expect(detect('12345 !!! 678').code).toBe('und');
  });

  it('uses the hint only to break near-ties', () => {
    expect(detect('Salario 1500', 'es').code).toBe('es');
    expect(detect('We are looking for drivers with a clean licence and you will work nights.', 'fr').code).toBe('en');
  });

  it('ranks tied languages in the order they first scored', () => {
    // "para" is Spanish, Portuguese and Tagalog alike
    expect(detect('para para para').code).toBe('es');
    expect(detect('para para para', 'pt').code).toBe('pt');
    expect(detect('nao para para para').code).toBe('pt');
  });

  it('splits words at digits and reads words with marks whole', () => {
    expect(detect('the1and2to3of 4for').code).toBe('en');
    expect(detect('x1the2and3to4of').code).toBe('en');
    expect(detect('तपाईं गर्नुहोस् छ हो र').code).toBe('ne');
  });

  it('reads the first 400 words only', () => {
    const filler = Array.from({ length: 400 }, () => 'zzz').join(' ');
    expect(detect(`${filler} les des du et pour avec vous`).code).toBe('und');
    expect(detect(`les des du et pour avec vous ${filler}`).code).toBe('fr');
  });

  it('counts only the lexicon words themselves, not words that share their length and ends', () => {
    expect(detect('yoxr haxe woxk yoxr haxe woxk').code).toBe('und');
    expect(detect('your have work your have work').code).toBe('en');
  });
});
