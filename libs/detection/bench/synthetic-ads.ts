import { contentHashOf, RawAdV1 } from '@lantern/contracts';
import { seededRandom } from '../src/model/hashing';

/**
 * Synthetic job ads for benchmarks, built from sentences written for this file (no dataset text):
 * ordinary ads and lure-like ads in several languages, 1-2 KB each.
 */
interface Pool {
  language: string;
  titles: { ordinary: string[]; lure: string[] };
  ordinary: string[];
  lure: string[];
  filler: string[];
}

const POOLS: Pool[] = [
  {
    language: 'en',
    titles: {
      ordinary: ['Warehouse Operative', 'Staff Nurse', 'Junior Accountant', 'Delivery Driver', 'Software Engineer'],
      lure: ['Data Entry Clerk - Work From Home', 'Hotel Staff Abroad', 'Customer Support in Bangkok', 'Models Wanted'],
    },
    ordinary: [
      'You will pick and pack orders on day shifts, Monday to Friday, in our distribution centre near the ring road.',
      'The role requires a valid driving licence and two years of experience in a similar position.',
      'We offer 25 days of annual leave, a workplace pension and a cycle-to-work scheme.',
      'Apply through our careers page with your CV; shortlisted candidates will be invited to an interview.',
      'Salary 27,000 to 31,000 GBP per year depending on experience, paid monthly.',
      'Our company has operated from the same site for thirty years and employs four hundred people.',
    ],
    lure: [
      'Earn 900 USD every week typing from home, no experience needed, start today.',
      'Free visa and free air ticket, accommodation provided, leave this week, limited seats.',
      'Pay a small registration fee of 50 USD by money transfer to secure your place.',
      'Contact us only on WhatsApp +1 555 0100 200 or telegram @jobs_fast_hire, no interview needed.',
      'Send a scan of your passport and your bank card details to get your contract.',
      'Young attractive girls wanted for hostess work abroad, salary 3000 USD per month.',
    ],
    filler: [
      'Training is provided on the first day.',
      'Hours are flexible.',
      'Please read the full description before applying.',
      'We look forward to hearing from you.',
    ],
  },
  {
    language: 'es',
    titles: {
      ordinary: ['Camarero/a', 'Auxiliar administrativo', 'Conductor de reparto'],
      lure: ['Trabajo en Europa con alojamiento', 'Modelos para sesión de fotos'],
    },
    ordinary: [
      'Buscamos camarero con experiencia mínima de un año para restaurante en el centro de Valencia.',
      'Contrato indefinido, jornada completa y salario según convenio.',
      'Envía tu currículum a través de nuestra web y te llamaremos para una entrevista.',
      'La empresa ofrece formación continua y seguro médico privado.',
    ],
    lure: [
      'Gana 2500 euros al mes sin experiencia, viaje pagado y vivienda incluida.',
      'Para empezar debe pagar una cuota de inscripción de 80 euros por transferencia.',
      'Contacto solo por WhatsApp, plazas limitadas, salida esta semana.',
      'Se buscan chicas jóvenes solteras de 18 a 25 años para trabajar en el extranjero.',
    ],
    filler: ['Incorporación inmediata.', 'Horario flexible.', 'Gracias por su interés.'],
  },
  {
    language: 'fr',
    titles: { ordinary: ['Agent de production', 'Comptable'], lure: ['Travail au Canada, visa offert', 'Hôtesse à l’étranger'] },
    ordinary: [
      'Nous recherchons un agent de production pour notre usine près de Lyon, en horaires postés.',
      'Expérience souhaitée dans un poste similaire, permis B apprécié.',
      'Rémunération selon profil, mutuelle et tickets restaurant.',
      'Merci d’envoyer votre candidature via notre site carrière.',
    ],
    lure: [
      'Visa et billet d’avion gratuits, logement fourni, départ rapide.',
      'Frais de dossier de 100 euros à payer avant le départ.',
      'Contactez-nous uniquement par WhatsApp, places limitées.',
      'Salaire de 3000 euros par mois sans diplôme ni expérience.',
    ],
    filler: ['Poste à pourvoir rapidement.', 'Merci de votre intérêt.'],
  },
  {
    language: 'ru',
    titles: { ordinary: ['Кладовщик', 'Бухгалтер'], lure: ['Работа в Европе, жильё бесплатно', 'Работа в Польше без опыта'] },
    ordinary: [
      'Требуется кладовщик на склад в Москве, график пять через два.',
      'Официальное трудоустройство, белая зарплата, социальный пакет.',
      'Отправьте резюме через сайт компании, мы пригласим вас на собеседование.',
    ],
    lure: [
      'Зарплата от 2000 евро в месяц, опыт не нужен, жильё и дорога бесплатно.',
      'Нужно оплатить регистрационный взнос 100 евро за оформление документов.',
      'Пишите только в Телеграм или Вайбер, выезд на этой неделе.',
    ],
    filler: ['Ждём ваших откликов.', 'Обучение на месте.'],
  },
  {
    language: 'tl',
    titles: {
      ordinary: ['Service Crew', 'Office Staff'],
      lure: ['Hiring Abroad! Direct Hire Dubai', 'Urgent: Customer Service sa Cambodia'],
    },
    ordinary: [
      'Kailangan namin ng service crew para sa aming branch sa Makati, may training at benefits.',
      'Mag-apply sa aming website at hintayin ang tawag para sa interview.',
      'Full-time, may SSS, PhilHealth at Pag-IBIG.',
    ],
    lure: [
      'Walang placement fee pero may processing fee na 15,000 pesos bago umalis.',
      'Sahod 50,000 pesos kada buwan, walang experience kailangan, libre ang ticket at tirahan.',
      'Message lang sa Telegram, tourist visa muna tapos work visa pagdating.',
    ],
    filler: ['Salamat po.', 'Apply na!'],
  },
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

export interface SyntheticAd {
  ad: RawAdV1;
  lure: boolean;
}

/** `count` ads, about a third lure-like, deterministic for a seed. */
export function syntheticAds(count: number, seed = 7): SyntheticAd[] {
  const random = seededRandom(seed);
  const out: SyntheticAd[] = [];
  for (let i = 0; i < count; i++) {
    const pool = pick(POOLS, random);
    const lure = random() < 0.35;
    const sentences: string[] = [];
    const target = 1000 + Math.floor(random() * 1000);
    let length = 0;
    while (length < target) {
      const source = lure && random() < 0.5 ? pool.lure : random() < 0.8 ? pool.ordinary : pool.filler;
      const sentence = pick(source, random);
      sentences.push(sentence);
      length += sentence.length + 1;
    }
    const title = pick(lure ? pool.titles.lure : pool.titles.ordinary, random);
    const description = sentences.join(' ');
    const ad: RawAdV1 = {
      schemaVersion: 1,
      id: `syn-${seed}-${i}`,
      source: 'synthetic',
      title,
      description,
      ...(lure ? {} : { companyProfile: 'An established employer with offices in three cities.' }),
      attributes: { hasCompanyLogo: !lure || random() < 0.2, hasScreeningQuestions: !lure && random() < 0.6 },
      languageHint: pool.language,
      scrapedAt: '2025-01-01T00:00:00.000Z',
      contentHash: contentHashOf([title, description]),
    };
    out.push({ ad, lure });
  }
  return out;
}
