import type { ContentLocale, RegionCode } from '@birgemiz/contracts';

interface DemoText {
  title: string;
  summary: string;
  body: string;
}

export interface DemoArticle {
  region: RegionCode;
  tags: string[];
  /** Kazakh (Cyrillic), Russian and English are written here; the Kazakh Latin version is made by transliteration. */
  translations: Partial<Record<ContentLocale, DemoText>>;
}

/** Demo news of the movement, written for this project. */
export const DEMO_ARTICLES: DemoArticle[] = [
  {
    region: 'astana',
    tags: ['ecology', 'campaigns'],
    translations: {
      'kk-Cyrl': {
        title: 'Астанада еріктілер мың көшет отырғызды',
        summary: 'Сенбілік барысында үш жүзден астам ерікті жаңа саябақты көгалдандырды.',
        body: 'Сенбі күні таңертең **Есіл** жағалауына үш жүзден астам ерікті жиналды.\n\nОлар мың көшет отырғызып, әр ағашқа жауапты адам тағайындады. Келесі акция мамыр айында өтеді.',
      },
      ru: {
        title: 'В Астане волонтёры посадили тысячу саженцев',
        summary: 'Более трёхсот волонтёров озеленили новый парк во время субботника.',
        body: 'В субботу утром на набережной **Есиля** собрались более трёхсот волонтёров.\n\nОни посадили тысячу саженцев и закрепили за каждым деревом ответственного. Следующая акция пройдёт в мае.',
      },
      en: {
        title: 'Volunteers plant a thousand saplings in Astana',
        summary: 'More than three hundred volunteers greened a new park during a Saturday clean-up.',
        body: 'On Saturday morning more than three hundred volunteers gathered on the **Yesil** embankment.\n\nThey planted a thousand saplings and gave every tree a caretaker. The next campaign takes place in May.',
      },
    },
  },
  {
    region: 'almaty',
    tags: ['seniors', 'holidays'],
    translations: {
      'kk-Cyrl': {
        title: 'Алматыда қарттарға мерекелік сәлемдеме жеткізілді',
        summary: 'Наурыз мейрамы қарсаңында еріктілер жалғыз тұратын қарттарды аралады.',
        body: 'Қырық ерікті қаланың сегіз ауданындағы екі жүз қартқа азық-түлік пен гүл апарды.\n\nҮйлестірушілер әр отбасымен байланыс сақтап, келесі кездесуді жоспарлады.',
      },
      ru: {
        title: 'В Алматы пожилым людям доставили праздничные подарки',
        summary: 'В канун Наурыза волонтёры навестили одиноко живущих пожилых людей.',
        body: 'Сорок волонтёров привезли продукты и цветы двумстам пожилым людям в восьми районах города.\n\nКоординаторы остаются на связи с каждой семьёй и уже планируют следующую встречу.',
      },
      en: {
        title: 'Holiday parcels delivered to elderly people in Almaty',
        summary: 'On the eve of Nauryz, volunteers visited elderly people who live alone.',
        body: 'Forty volunteers brought food and flowers to two hundred elderly people in eight districts of the city.\n\nCoordinators keep in touch with every family and are already planning the next visit.',
      },
    },
  },
  {
    region: 'north-kazakhstan',
    tags: ['flood-relief'],
    translations: {
      'kk-Cyrl': {
        title: 'Петропавлда су тасқынына қарсы штаб жұмыс істеп тұр',
        summary: 'Еріктілер қап толтырып, зардап шеккен отбасыларға көмек көрсетуде.',
        body: 'Көктемгі су тасқыны кезінде еріктілер штабы тәулік бойы жұмыс істейді.\n\nКөмек көрсеткісі келетіндер сайттағы «Ерікті болу» формасын толтыра алады.',
      },
      ru: {
        title: 'В Петропавловске работает штаб помощи при паводке',
        summary: 'Волонтёры наполняют мешки с песком и помогают пострадавшим семьям.',
        body: 'Во время весеннего паводка штаб волонтёров работает круглосуточно.\n\nЖелающие помочь могут заполнить на сайте форму «Стать волонтёром».',
      },
      en: {
        title: 'Flood relief headquarters at work in Petropavl',
        summary: 'Volunteers fill sandbags and help affected families.',
        body: 'During the spring flood the volunteers’ headquarters works around the clock.\n\nAnyone who wants to help can fill in the "Become a volunteer" form on the site.',
      },
    },
  },
  {
    region: 'turkistan',
    tags: ['education', 'youth'],
    translations: {
      'kk-Cyrl': {
        title: 'Түркістанда мектеп оқушыларына арналған кітап жәрмеңкесі өтті',
        summary: 'Жиналған кітаптар ауыл мектептерінің кітапханаларына табысталды.',
        body: 'Жәрмеңкеге келгендер үш мыңнан астам кітап сыйға тартты.\n\nЕріктілер кітаптарды сұрыптап, он екі ауыл мектебіне жеткізді.',
      },
      ru: {
        title: 'В Туркестане прошла книжная ярмарка для школьников',
        summary: 'Собранные книги переданы в библиотеки сельских школ.',
        body: 'Гости ярмарки подарили более трёх тысяч книг.\n\nВолонтёры рассортировали книги и доставили их в двенадцать сельских школ.',
      },
    },
  },
];
