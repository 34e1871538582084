// INVENTED TEST FIXTURES: job ads written by the Lantern team for tests, in every language the
// indicator catalogue covers. Phone numbers are fictional; no text comes from any dataset.

export interface LanguageCase {
  language: string;
  lure: { title?: string; description: string };
  ordinary: { title?: string; description: string; company: string };
}

export const LANGUAGE_CASES: LanguageCase[] = [
  {
    language: 'en',
    lure: {
      title: 'Hotel staff for Dubai - urgent',
      description:
        'No experience needed. Salary $3000 per month, free visa and free ticket. Registration fee of $250 to process your visa. Only girls 18-25. Send your passport copy on WhatsApp only +971 55 555 0142.',
    },
    ordinary: {
      title: 'Registered nurse, surgical ward',
      company: 'St. Brigid Hospital Trust',
      description:
        'Our surgical ward in Dublin needs a registered nurse. Rotating day shifts, 37.5 hours a week, pension and training budget. Apply on our website.',
    },
  },
  {
    language: 'es',
    lure: {
      title: 'Trabajo en España para chicas',
      description:
        'Buscamos chicas de 18 a 25 años, solteras y de buena presencia, para trabajar de anfitrionas. Sin experiencia. Te pagamos el pasaje y el alojamiento, se descuenta del sueldo. Ganancias de 3000 euros al mes. Solo por WhatsApp +34 600 000 123.',
    },
    ordinary: {
      title: 'Camarero/a para restaurante',
      company: 'Casa Lumbre S.L.',
      description:
        'Restaurante en Madrid busca camarero con un año de experiencia. Contrato indefinido de 40 horas semanales y dos días libres. Envíe su CV por nuestra web.',
    },
  },
  {
    language: 'fr',
    lure: {
      title: 'Hôtesses pour Dubaï',
      description:
        "Recrutement urgent de jeunes femmes de 18 à 25 ans pour travailler comme hôtesses à Dubaï. Aucune expérience requise, billet d'avion et visa gratuits, logement offert. Frais de dossier de 300 euros à payer avant le départ. Contact uniquement sur WhatsApp.",
    },
    ordinary: {
      title: 'Comptable confirmé',
      company: 'Cabinet Durand et Associés',
      description:
        'Notre cabinet à Lyon recrute un comptable avec cinq ans d’expérience. CDI, 35 heures par semaine, mutuelle et tickets restaurant. Envoyez votre candidature via notre site.',
    },
  },
  {
    language: 'pt',
    lure: {
      title: 'Trabalho em Portugal com alojamento',
      description:
        'Precisamos de moças de 18 a 25 anos para trabalhar em bar. Não precisa de experiência. Passagem e visto grátis, o valor é descontado do salário. Ganhe 3000 euros por mês. Taxa de inscrição de 200 euros via Pix. Contato só pelo WhatsApp.',
    },
    ordinary: {
      title: 'Assistente administrativo',
      company: 'Grupo Vale Verde Lda.',
      description:
        'Empresa em Lisboa procura assistente administrativo com experiência em faturação. Contrato sem termo, 40 horas semanais, seguro de saúde. Candidaturas pelo nosso site.',
    },
  },
  {
    language: 'ro',
    lure: {
      title: 'Muncă în Germania pentru fete',
      description:
        'Căutăm fete tinere între 18 și 25 de ani pentru muncă în străinătate. Fără experiență. Transport și cazare gratuite, se rețin din salariu. Salariu 3000 euro pe lună. Taxă de înscriere 150 euro. Contact doar pe WhatsApp.',
    },
    ordinary: {
      title: 'Contabil',
      company: 'Nordic Consult SRL',
      description:
        'Firmă din Cluj angajează contabil cu experiență de trei ani. Contract pe perioadă nedeterminată, program de 8 ore, tichete de masă. Trimiteți CV-ul prin site-ul nostru.',
    },
  },
  {
    language: 'ru',
    lure: {
      title: 'Работа в Дубае для девушек',
      description:
        'Требуются девушки до 25 лет, без опыта. Бесплатный билет и виза, бесплатное жильё. Зарплата 3000 долларов в месяц. Оплата оформления документов 300 долларов заранее. Паспорт хранится у работодателя. Писать только в ватсап.',
    },
    ordinary: {
      title: 'Бухгалтер',
      company: 'ООО «Северный ветер»',
      description:
        'Компания в Казани ищет бухгалтера с опытом работы от трёх лет. Официальное трудоустройство, пятидневка, ДМС. Резюме отправляйте через наш сайт.',
    },
  },
  {
    language: 'ar',
    lure: {
      title: 'مطلوب خادمة للتنازل',
      description:
        'خادمة للتنازل، تأشيرة مجانية وتذكرة مجانية. الراتب 1500 ريال. الكفيل يحتفظ بجواز السفر. لا يوجد يوم إجازة. التواصل واتساب فقط.',
    },
    ordinary: {
      title: 'محاسب',
      company: 'شركة النور للتجارة',
      description: 'شركة في عمّان تطلب محاسباً بخبرة ثلاث سنوات. دوام كامل، تأمين صحي، إجازة سنوية. يرجى التقديم عبر موقع الشركة.',
    },
  },
  {
    language: 'ur',
    lure: {
      title: 'دبئی میں نوکری',
      description:
        'دبئی کے لیے فوری ضرورت ہے۔ تجربہ کی ضرورت نہیں۔ ویزا فری ٹکٹ فری، رہائش فری۔ تنخواہ 3000 درہم ماہانہ۔ پروسیسنگ فیس 50000 روپے پہلے جمع کروائیں۔ صرف واٹس ایپ پر رابطہ کریں۔',
    },
    ordinary: {
      title: 'اکاؤنٹنٹ کی ضرورت',
      company: 'الفلاح ٹریڈرز',
      description:
        'لاہور میں کمپنی کو تین سال تجربہ والے اکاؤنٹنٹ کی ضرورت ہے۔ مستقل ملازمت، میڈیکل اور سالانہ چھٹیاں۔ درخواست کمپنی کی ویب سائٹ پر دیں۔',
    },
  },
  {
    language: 'ur-Latn',
    lure: {
      description:
        'Dubai ke liye foran zaroorat hai. Koi tajurba nahi chahiye. Visa free ticket free, rehaish free. Tankhwah 3000 dirham mahana. Processing fee 50000 rupay pehle jama karwayen. Sirf WhatsApp par rabta karein.',
    },
    ordinary: {
      company: 'Al Falah Traders',
      description:
        'Lahore mein company ko accountant ki zaroorat hai jis ka teen saal ka tajurba ho. Mustaqil naukri, medical aur salana chuttiyan. Apni CV company ki website par bhejein.',
    },
  },
  {
    language: 'hi',
    lure: {
      title: 'दुबई में नौकरी',
      description:
        'दुबई के लिए तुरंत भर्ती। बिना अनुभव। फ्री वीजा फ्री टिकट, रहना फ्री। वेतन 3000 दिरहम महीना। प्रोसेसिंग फीस 40000 रुपये पहले जमा करें। पासपोर्ट की कॉपी केवल व्हाट्सएप पर भेजें।',
    },
    ordinary: {
      title: 'लेखाकार की आवश्यकता',
      company: 'शर्मा एंड संस प्राइवेट लिमिटेड',
      description:
        'जयपुर स्थित कंपनी को तीन साल के अनुभव वाले लेखाकार की आवश्यकता है। स्थायी नौकरी, स्वास्थ्य बीमा और वार्षिक छुट्टी। आवेदन कंपनी की वेबसाइट पर करें।',
    },
  },
  {
    language: 'ne',
    lure: {
      title: 'मलेसियामा रोजगारी',
      description:
        'मलेसियाका लागि तुरुन्त माग। अनुभव चाहिँदैन। फ्री भिसा फ्री टिकट, बस्न खान फ्री। तलब महिनाको 2000 रिंगिट। सेवा शुल्क 150000 रुपैयाँ अग्रिम बुझाउनुहोस्। भाइबरमा मात्र सम्पर्क गर्नुहोस्।',
    },
    ordinary: {
      title: 'लेखापाल आवश्यकता',
      company: 'हिमालय ट्रेडिङ प्रा. लि.',
      description:
        'काठमाडौंको कम्पनीलाई तीन वर्षको अनुभव भएको लेखापाल आवश्यक छ। स्थायी जागिर, स्वास्थ्य बीमा र वार्षिक बिदा। कम्पनीको वेबसाइटमा आवेदन दिनुहोस्।',
    },
  },
  {
    language: 'tl',
    lure: {
      title: 'Hiring DH for Saudi - direct hire',
      description:
        'Walang experience okay. Libreng pamasahe at visa, may libreng tirahan. Sahod 1500 riyal. Placement fee 30000 pesos bayad muna bago umalis. Hawak ng amo ang passport. Walang day off. PM lang sa WhatsApp.',
    },
    ordinary: {
      title: 'Accounting assistant',
      company: 'Luzon Agri Supply Inc.',
      description:
        'Naghahanap kami ng accounting assistant sa aming opisina sa Pasig. May dalawang taong karanasan, regular na trabaho, HMO at 13th month pay. Mag-apply sa aming website.',
    },
  },
  {
    language: 'id',
    lure: {
      title: 'Lowongan kerja ke Malaysia',
      description:
        'Dicari wanita usia 18-25 tahun, tanpa pengalaman. Tiket dan visa gratis, mes gratis, potong gaji. Gaji besar 3000 ringgit per bulan. Biaya pendaftaran 2 juta rupiah dibayar di depan. Hubungi via WhatsApp saja.',
    },
    ordinary: {
      title: 'Staf akuntansi',
      company: 'PT Sinar Nusantara',
      description:
        'Perusahaan di Surabaya membutuhkan staf akuntansi dengan pengalaman dua tahun. Karyawan tetap, BPJS, dan cuti tahunan. Lamaran dikirim melalui situs perusahaan.',
    },
  },
];
