import type { ContentLocale, NotificationType } from '@birgemiz/contracts';

/**
 * The texts of every notification in Kazakh (Cyrillic), Russian and English. Kazakh in the Latin script is made from
 * the Cyrillic text by transliteration (libs/locales) unless a type has its own `kk-Latn` text. `{{name}}` is a
 * variable, filled in (and HTML-escaped in the HTML part) when the message is rendered.
 */
export type TemplateBlock =
  | { kind: 'p'; text: string }
  /** A link shown as a button in HTML and as "label: url" in plain text; `url` names a variable. */
  | { kind: 'link'; label: string; url: string }
  /** The articles of a digest (variable `items`). */
  | { kind: 'articles' };

export interface MessageTemplate {
  subject: string;
  blocks: TemplateBlock[];
}

export type TemplateSet = Partial<Record<ContentLocale, MessageTemplate>>;

const p = (text: string): TemplateBlock => ({ kind: 'p', text });
const link = (label: string, url: string): TemplateBlock => ({ kind: 'link', label, url });

export const MESSAGE_TEMPLATES: Record<NotificationType, TemplateSet> = {
  'application-received': {
    'kk-Cyrl': {
      subject: 'Рахмет! Өтінішіңіз жіберілді ({{referenceNumber}})',
      blocks: [
        p('Құрметті {{fullName}}!'),
        p('Рахмет! Өтінішіңіз жіберілді. Өтініш нөмірі: {{referenceNumber}}. Үйлестіруші оны жақын арада қарап, сізге хабарласады.'),
        link('Өтініш мәртебесі', 'statusUrl'),
      ],
    },
    ru: {
      subject: 'Спасибо! Ваша заявка отправлена ({{referenceNumber}})',
      blocks: [
        p('Здравствуйте, {{fullName}}!'),
        p('Спасибо! Ваша заявка отправлена. Номер заявки: {{referenceNumber}}. Координатор рассмотрит её в ближайшее время и свяжется с вами.'),
        link('Статус заявки', 'statusUrl'),
      ],
    },
    en: {
      subject: 'Thank you! Your application has been sent ({{referenceNumber}})',
      blocks: [
        p('Dear {{fullName}},'),
        p('Thank you! Your application has been sent. Its number is {{referenceNumber}}. A coordinator will look at it soon and get in touch with you.'),
        link('Application status', 'statusUrl'),
      ],
    },
  },
  'application-approved': {
    'kk-Cyrl': {
      subject: 'Құттықтаймыз! Сіз Біргеміз еріктісіз ({{referenceNumber}})',
      blocks: [
        p('Құрметті {{fullName}}!'),
        p('{{referenceNumber}} өтінішіңіз мақұлданды. Енді сіз біздің ерікті командамыздың мүшесісіз және акцияларға жазыла аласыз.'),
        link('Акцияларды көру', 'statusUrl'),
      ],
    },
    ru: {
      subject: 'Поздравляем! Вы — волонтёр Birgemiz ({{referenceNumber}})',
      blocks: [
        p('Здравствуйте, {{fullName}}!'),
        p('Ваша заявка {{referenceNumber}} одобрена. Теперь вы в нашей команде волонтёров и можете записываться на акции.'),
        link('Посмотреть акции', 'statusUrl'),
      ],
    },
    en: {
      subject: 'Welcome aboard! You are a Birgemiz volunteer ({{referenceNumber}})',
      blocks: [
        p('Dear {{fullName}},'),
        p('Your application {{referenceNumber}} has been approved. You are now part of our volunteer team and can sign up for campaigns.'),
        link('See the campaigns', 'statusUrl'),
      ],
    },
  },
  'application-rejected': {
    'kk-Cyrl': {
      subject: 'Өтінішіңіз туралы ({{referenceNumber}})',
      blocks: [
        p('Құрметті {{fullName}}!'),
        p('Бізге көмектескіңіз келгені үшін шын жүректен рахмет. Өкінішке қарай, дәл қазір {{referenceNumber}} өтінішіңізді қабылдай алмаймыз.'),
        p('Бұл сіздің талпынысыңызды кемітпейді: кейінірек қайта өтініш беріңіз немесе жаңалықтарымызды оқып жүріңіз. Сізбен тағы кездесеміз деп үміттенеміз.'),
      ],
    },
    ru: {
      subject: 'О вашей заявке ({{referenceNumber}})',
      blocks: [
        p('Здравствуйте, {{fullName}}!'),
        p('Спасибо от всего сердца за желание помогать. К сожалению, сейчас мы не можем принять вашу заявку {{referenceNumber}}.'),
        p('Это не умаляет вашего порыва: подайте заявку позже или следите за нашими новостями. Надеемся ещё встретиться с вами.'),
      ],
    },
    en: {
      subject: 'About your application ({{referenceNumber}})',
      blocks: [
        p('Dear {{fullName}},'),
        p('Thank you with all our heart for wanting to help. Unfortunately we cannot accept your application {{referenceNumber}} at this time.'),
        p('This takes nothing away from your wish to help: you are welcome to apply again later, or follow our news. We hope to meet you again.'),
      ],
    },
  },
  'signup-confirmed': {
    'kk-Cyrl': {
      subject: 'Жазылу расталды: {{campaignTitle}}',
      blocks: [p('Құрметті {{fullName}}!'), p('Сіз «{{campaignTitle}}» акциясына жазылдыңыз. Орны: {{place}}. Басталуы: {{startsAt}}.'), link('Менің жазылуларым', 'statusUrl')],
    },
    ru: {
      subject: 'Запись подтверждена: {{campaignTitle}}',
      blocks: [p('Здравствуйте, {{fullName}}!'), p('Вы записаны на акцию «{{campaignTitle}}». Место: {{place}}. Начало: {{startsAt}}.'), link('Мои записи', 'statusUrl')],
    },
    en: {
      subject: 'Sign-up confirmed: {{campaignTitle}}',
      blocks: [p('Dear {{fullName}},'), p('You are signed up for “{{campaignTitle}}”. Place: {{place}}. Starts: {{startsAt}}.'), link('My sign-ups', 'statusUrl')],
    },
  },
  'signup-waitlisted': {
    'kk-Cyrl': {
      subject: 'Күту тізіміндесіз: {{campaignTitle}}',
      blocks: [p('Құрметті {{fullName}}!'), p('«{{campaignTitle}}» акциясында орын қалмады, сондықтан сіз күту тізіміне қосылдыңыз. Орын босаса, сізге бірден хабарлаймыз.')],
    },
    ru: {
      subject: 'Вы в листе ожидания: {{campaignTitle}}',
      blocks: [p('Здравствуйте, {{fullName}}!'), p('На акции «{{campaignTitle}}» мест не осталось, и вы в листе ожидания. Как только место освободится, мы сразу сообщим.')],
    },
    en: {
      subject: 'You are on the waitlist: {{campaignTitle}}',
      blocks: [p('Dear {{fullName}},'), p('“{{campaignTitle}}” is full, so you are on the waitlist. We will tell you as soon as a place frees up.')],
    },
  },
  'signup-promoted': {
    'kk-Cyrl': {
      subject: 'Орын босады: {{campaignTitle}}',
      blocks: [p('Құрметті {{fullName}}!'), p('Жақсы жаңалық: «{{campaignTitle}}» акциясында орын босап, сіздің жазылуыңыз расталды. Орны: {{place}}. Басталуы: {{startsAt}}.')],
    },
    ru: {
      subject: 'Освободилось место: {{campaignTitle}}',
      blocks: [p('Здравствуйте, {{fullName}}!'), p('Хорошая новость: на акции «{{campaignTitle}}» освободилось место, и ваша запись подтверждена. Место: {{place}}. Начало: {{startsAt}}.')],
    },
    en: {
      subject: 'A place opened up: {{campaignTitle}}',
      blocks: [p('Dear {{fullName}},'), p('Good news: a place opened up in “{{campaignTitle}}” and your sign-up is confirmed. Place: {{place}}. Starts: {{startsAt}}.')],
    },
  },
  'campaign-reminder': {
    'kk-Cyrl': {
      subject: 'Ертең: {{campaignTitle}}',
      blocks: [p('Құрметті {{fullName}}!'), p('Еске саламыз: «{{campaignTitle}}» акциясы ертең, {{startsAt}}. Орны: {{place}}. Күтеміз!')],
    },
    ru: {
      subject: 'Завтра: {{campaignTitle}}',
      blocks: [p('Здравствуйте, {{fullName}}!'), p('Напоминаем: акция «{{campaignTitle}}» завтра, {{startsAt}}. Место: {{place}}. Ждём вас!')],
    },
    en: {
      subject: 'Tomorrow: {{campaignTitle}}',
      blocks: [p('Dear {{fullName}},'), p('A reminder: “{{campaignTitle}}” is tomorrow, {{startsAt}}. Place: {{place}}. See you there!')],
    },
  },
  'staff-new-application': {
    'kk-Cyrl': {
      subject: 'Жаңа өтініш: {{referenceNumber}} ({{region}})',
      blocks: [p('Сіздің өңіріңізде ({{region}}) жаңа ерікті өтініші түсті: {{referenceNumber}}.'), link('Өтінішті ашу', 'staffUrl')],
    },
    ru: {
      subject: 'Новая заявка: {{referenceNumber}} ({{region}})',
      blocks: [p('В вашем регионе ({{region}}) новая заявка волонтёра: {{referenceNumber}}.'), link('Открыть заявку', 'staffUrl')],
    },
    en: {
      subject: 'New application: {{referenceNumber}} ({{region}})',
      blocks: [p('A new volunteer application arrived in your region ({{region}}): {{referenceNumber}}.'), link('Open the application', 'staffUrl')],
    },
  },
  'subscription-confirm': {
    'kk-Cyrl': {
      subject: 'Жазылымды растаңыз',
      blocks: [
        p('Біргеміз жаңалықтарына жазылғыңыз келетінін растау үшін төмендегі сілтемені басыңыз. Сілтеме {{hours}} сағат жарамды.'),
        link('Жазылымды растау', 'confirmUrl'),
        p('Егер сіз жазылмаған болсаңыз, бұл хатты елемеңіз: растаусыз сізге ештеңе жіберілмейді.'),
      ],
    },
    ru: {
      subject: 'Подтвердите подписку',
      blocks: [
        p('Чтобы подтвердить подписку на новости Birgemiz, нажмите на ссылку ниже. Ссылка действует {{hours}} ч.'),
        link('Подтвердить подписку', 'confirmUrl'),
        p('Если вы не подписывались, просто проигнорируйте это письмо: без подтверждения мы ничего не отправим.'),
      ],
    },
    en: {
      subject: 'Please confirm your subscription',
      blocks: [
        p('To confirm that you want Birgemiz news, follow the link below. It is valid for {{hours}} hours.'),
        link('Confirm my subscription', 'confirmUrl'),
        p('If you did not subscribe, ignore this e-mail: nothing will be sent without a confirmation.'),
      ],
    },
  },
  'newsletter-article': {
    'kk-Cyrl': { subject: '{{title}}', blocks: [p('{{summary}}'), link('Толығырақ оқу', 'articleUrl')] },
    ru: { subject: '{{title}}', blocks: [p('{{summary}}'), link('Читать полностью', 'articleUrl')] },
    en: { subject: '{{title}}', blocks: [p('{{summary}}'), link('Read more', 'articleUrl')] },
  },
  'newsletter-digest': {
    'kk-Cyrl': { subject: 'Күн жаңалықтары: {{date}}', blocks: [p('Соңғы тәуліктегі жаңалықтар:'), { kind: 'articles' }] },
    ru: { subject: 'Новости дня: {{date}}', blocks: [p('Новости за последние сутки:'), { kind: 'articles' }] },
    en: { subject: 'News of the day: {{date}}', blocks: [p('News of the last day:'), { kind: 'articles' }] },
  },
  'campaign-opened': {
    'kk-Cyrl': {
      subject: 'Жаңа акция: {{campaignTitle}}',
      blocks: [
        p('Еріктілерді жаңа акцияға шақырамыз: «{{campaignTitle}}».'),
        p('{{description}}'),
        p('Орны: {{place}}. Басталуы: {{startsAt}}.'),
        link('Акция туралы толығырақ', 'campaignUrl'),
      ],
    },
    ru: {
      subject: 'Новая акция: {{campaignTitle}}',
      blocks: [
        p('Приглашаем волонтёров на новую акцию «{{campaignTitle}}».'),
        p('{{description}}'),
        p('Место: {{place}}. Начало: {{startsAt}}.'),
        link('Подробнее об акции', 'campaignUrl'),
      ],
    },
    en: {
      subject: 'New campaign: {{campaignTitle}}',
      blocks: [
        p('Volunteers are invited to a new campaign: “{{campaignTitle}}”.'),
        p('{{description}}'),
        p('Place: {{place}}. Starts: {{startsAt}}.'),
        link('About the campaign', 'campaignUrl'),
      ],
    },
  },
};

/** Footer of subscriber mailings (newsletters, digests, campaign announcements): how to change preferences and how to leave. */
export const NEWSLETTER_FOOTER: Record<'kk-Cyrl' | 'ru' | 'en', { manage: string; unsubscribe: string }> = {
  'kk-Cyrl': { manage: 'Жазылым баптаулары', unsubscribe: 'Жазылымнан бас тарту' },
  ru: { manage: 'Настройки подписки', unsubscribe: 'Отписаться' },
  en: { manage: 'Subscription preferences', unsubscribe: 'Unsubscribe' },
};
