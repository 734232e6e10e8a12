import type { MessageLanguage } from '@birgemiz/contracts';
import { ErrorCode } from './error-code';

type Catalogue = Record<ErrorCode, Record<MessageLanguage, string>>;

/** Human messages for each error code in the API's languages (Kazakh in Cyrillic, Russian, English). */
export const ERROR_MESSAGES: Catalogue = {
  [ErrorCode.ValidationFailed]: {
    kk: 'Сұрау деректері қате толтырылған.',
    ru: 'Данные запроса заполнены неверно.',
    en: 'The request data is invalid.',
  },
  [ErrorCode.NotFound]: {
    kk: 'Сұралған нысан табылмады.',
    ru: 'Запрошенный объект не найден.',
    en: 'The requested item was not found.',
  },
  [ErrorCode.Conflict]: {
    kk: 'Нысан басқа біреудің өзгерісімен қайшы келеді. Жаңартып, қайталап көріңіз.',
    ru: 'Конфликт с другим изменением. Обновите данные и повторите попытку.',
    en: 'This conflicts with another change. Reload and try again.',
  },
  [ErrorCode.Unauthenticated]: {
    kk: 'Жүйеге кіру қажет.',
    ru: 'Требуется вход в систему.',
    en: 'Sign-in is required.',
  },
  [ErrorCode.InvalidCredentials]: {
    kk: 'Электрондық пошта немесе құпиясөз қате.',
    ru: 'Неверный адрес электронной почты или пароль.',
    en: 'Wrong e-mail or password.',
  },
  [ErrorCode.Forbidden]: {
    kk: 'Бұл әрекетке құқығыңыз жоқ.',
    ru: 'У вас нет прав на это действие.',
    en: 'You are not allowed to do this.',
  },
  [ErrorCode.RateLimited]: {
    kk: 'Сұраулар тым көп. Біраз күтіп, қайталап көріңіз.',
    ru: 'Слишком много запросов. Подождите и повторите попытку.',
    en: 'Too many requests. Please wait and try again.',
  },
  [ErrorCode.AccountLocked]: {
    kk: 'Тым көп сәтсіз әрекет болғандықтан, тіркелгі уақытша бұғатталды.',
    ru: 'Учётная запись временно заблокирована из-за слишком многих неудачных попыток.',
    en: 'The account is temporarily locked after too many failed attempts.',
  },
  [ErrorCode.PayloadTooLarge]: {
    kk: 'Сұрау тым үлкен.',
    ru: 'Запрос слишком велик.',
    en: 'The request is too large.',
  },
  [ErrorCode.UnsupportedMediaType]: {
    kk: 'Сұрау пішімі қолдау көрсетілмейді. application/json жіберіңіз.',
    ru: 'Формат запроса не поддерживается. Отправьте application/json.',
    en: 'Unsupported request format. Send application/json.',
  },
  [ErrorCode.ServiceUnavailable]: {
    kk: 'Қызмет уақытша қолжетімсіз. Кейінірек қайталап көріңіз.',
    ru: 'Сервис временно недоступен. Повторите попытку позже.',
    en: 'The service is temporarily unavailable. Please try again later.',
  },
  [ErrorCode.ServiceTimeout]: {
    kk: 'Қызмет уақытында жауап бермеді. Кейінірек қайталап көріңіз.',
    ru: 'Сервис не ответил вовремя. Повторите попытку позже.',
    en: 'The service did not answer in time. Please try again later.',
  },
  [ErrorCode.Internal]: {
    kk: 'Ішкі қате орын алды. Қате нөмірін қолдау қызметіне жіберіңіз.',
    ru: 'Произошла внутренняя ошибка. Сообщите её номер в поддержку.',
    en: 'An internal error occurred. Quote the error id to support.',
  },
};

/** Field-issue reasons in the API's languages; unknown reasons fall back to the generic text. */
export const ISSUE_MESSAGES: Record<string, Record<MessageLanguage, string>> = {
  required: { kk: 'Міндетті өріс.', ru: 'Обязательное поле.', en: 'This field is required.' },
  invalid_type: { kk: 'Мән түрі қате.', ru: 'Неверный тип значения.', en: 'Wrong type of value.' },
  invalid_string: { kk: 'Мән пішімі қате.', ru: 'Неверный формат значения.', en: 'Wrong format.' },
  invalid_email: { kk: 'Электрондық пошта мекенжайы қате.', ru: 'Неверный адрес электронной почты.', en: 'Invalid e-mail address.' },
  too_small: { kk: 'Мән тым қысқа немесе тым кіші.', ru: 'Значение слишком короткое или маленькое.', en: 'Too short or too small.' },
  too_big: { kk: 'Мән тым ұзын немесе тым үлкен.', ru: 'Значение слишком длинное или большое.', en: 'Too long or too large.' },
  invalid_enum_value: { kk: 'Рұқсат етілмеген мән.', ru: 'Недопустимое значение.', en: 'Value not allowed.' },
  unrecognized_keys: { kk: 'Белгісіз өріс.', ru: 'Неизвестное поле.', en: 'Unknown field.' },
  invalid_json: { kk: 'JSON қате.', ru: 'Некорректный JSON.', en: 'Malformed JSON.' },
  html_not_allowed: { kk: 'HTML мен скриптке рұқсат жоқ: қарапайым мәтін жазыңыз.', ru: 'HTML и скрипты не допускаются: введите обычный текст.', en: 'HTML and script are not allowed: enter plain text.' },
  invalid_characters: { kk: 'Мәтінде рұқсат етілмеген таңбалар бар.', ru: 'Текст содержит недопустимые символы.', en: 'The text contains characters that are not allowed.' },
  invalid_phone: { kk: 'Қазақстан нөмірін енгізіңіз: +7 7xx xxx xx xx.', ru: 'Введите казахстанский номер: +7 7xx xxx xx xx.', en: 'Enter a Kazakhstan number: +7 7xx xxx xx xx.' },
  invalid_date: { kk: 'Күн қате: ЖЖЖЖ-АА-КК пішімінде жазыңыз.', ru: 'Неверная дата: укажите в формате ГГГГ-ММ-ДД.', en: 'Invalid date: use YYYY-MM-DD.' },
  birth_date_in_future: { kk: 'Туған күн болашақта болуы мүмкін емес.', ru: 'Дата рождения не может быть в будущем.', en: 'The birth date cannot be in the future.' },
  too_young: { kk: 'Ерікті кемінде 14 жаста болуы керек.', ru: 'Волонтёру должно быть не меньше 14 лет.', en: 'Volunteers must be at least 14 years old.' },
  guardian_consent_required: { kk: '18 жасқа толмағандарға ата-ананың (қамқоршының) келісімі қажет.', ru: 'Для несовершеннолетних нужно согласие родителя (опекуна).', en: 'Applicants under 18 need a parent’s or guardian’s consent.' },
  consent_required: { kk: 'Дербес деректерді өңдеуге келісім қажет.', ru: 'Необходимо согласие на обработку персональных данных.', en: 'Consent to personal-data processing is required.' },
  scripts_required: { kk: 'Қазақ тілінің қай әліпбиін оқитыныңызды көрсетіңіз.', ru: 'Укажите, какой казахский алфавит вы читаете.', en: 'Say which Kazakh script(s) you read.' },
  scripts_not_applicable: { kk: 'Әліпби тек қазақ тілі үшін көрсетіледі.', ru: 'Алфавит указывается только для казахского языка.', en: 'Scripts are asked for Kazakh only.' },
  duplicate: { kk: 'Мән қайталанады.', ru: 'Значение повторяется.', en: 'Duplicate value.' },
  already_applied: {
    kk: 'Осы электрондық поштамен жақында өтініш берілген. Өтініш мәртебесін хаттағы сілтеме арқылы қараңыз.',
    ru: 'С этого адреса электронной почты уже недавно подана заявка. Её статус можно посмотреть по ссылке из письма.',
    en: 'An application from this e-mail address was sent recently. Check its status through your status link.',
  },
  idempotency_key_reused: { kk: 'Бұл сұрау кілті басқа өтінішке қолданылған.', ru: 'Этот ключ запроса уже использован для другой заявки.', en: 'This idempotency key was used for another submission.' },
  unknown_campaign: { kk: 'Мұндай акция жоқ.', ru: 'Такой акции нет.', en: 'No such campaign.' },
  invalid_transition: { kk: 'Қазіргі мәртебеде бұл әрекет мүмкін емес.', ru: 'В текущем статусе это действие невозможно.', en: 'This action is not possible in the current status.' },
  not_a_volunteer: { kk: 'Акцияларға тек мақұлданған еріктілер жазыла алады.', ru: 'Записываться на акции могут только одобренные волонтёры.', en: 'Only approved volunteers can sign up for campaigns.' },
  volunteer_inactive: { kk: 'Ерікті белсенді емес.', ru: 'Волонтёр неактивен.', en: 'The volunteer is not active.' },
  campaign_not_open: { kk: 'Акцияға жазылу ашық емес.', ru: 'Запись на акцию закрыта.', en: 'The campaign is not open for sign-ups.' },
  campaign_finished: { kk: 'Акция аяқталды.', ru: 'Акция завершена.', en: 'The campaign has finished.' },
  campaign_not_finished: { kk: 'Қатысу акция аяқталғаннан кейін белгіленеді.', ru: 'Посещение отмечается после завершения акции.', en: 'Attendance is recorded after the campaign has finished.' },
  capacity_below_confirmed: { kk: 'Орын саны расталған жазылулардан аз болмауы керек.', ru: 'Число мест не может быть меньше подтверждённых записей.', en: 'Capacity cannot be below the confirmed sign-ups.' },
  ends_before_start: { kk: 'Аяқталу уақыты басталу уақытынан кейін болуы керек.', ru: 'Окончание должно быть позже начала.', en: 'The end must be after the start.' },
  hours_without_attendance: { kk: 'Қатыспаған еріктіге сағат жазылмайды.', ru: 'Часы не записываются без участия.', en: 'Hours must be 0 for a volunteer who did not attend.' },
  hours_exceed_campaign: { kk: 'Сағат саны акция ұзақтығынан көп.', ru: 'Часов больше, чем длилась акция.', en: 'More hours than the campaign lasted.' },
  unbalanced_quotes: { kk: 'Тырнақшалар жұбымен жазылуы керек.', ru: 'Кавычки должны быть парными.', en: 'Quotes must come in pairs.' },
  no_search_words: { kk: 'Іздеу сұрауында сөз жоқ.', ru: 'В поисковом запросе нет слов.', en: 'The search query has no words.' },
  invalid_token: { kk: 'Сілтеме жарамсыз немесе ескірген.', ru: 'Ссылка недействительна или устарела.', en: 'This link is not valid.' },
  token_expired: { kk: 'Сілтеменің мерзімі өтіп кеткен. Қайта жазылыңыз.', ru: 'Срок действия ссылки истёк. Подпишитесь ещё раз.', en: 'This link has expired. Please subscribe again.' },
  already_unsubscribed: { kk: 'Сіз бұл жазылымнан бас тартқансыз.', ru: 'Вы уже отписались от этой рассылки.', en: 'You have already unsubscribed.' },
  region_required: { kk: 'Өңірді таңдаңыз.', ru: 'Выберите регион.', en: 'Choose a region.' },
  one_click_body_required: { kk: 'Сұрау денесі List-Unsubscribe=One-Click болуы керек.', ru: 'Тело запроса должно быть List-Unsubscribe=One-Click.', en: 'The body must be List-Unsubscribe=One-Click.' },
  job_not_failed: { kk: 'Тек сәтсіз аяқталған тапсырманы қайталауға болады.', ru: 'Повторить можно только завершившееся ошибкой задание.', en: 'Only a failed job can be retried.' },
  not_confirmed: { kk: 'Бұл ерікті акцияға расталмаған.', ru: 'Этот волонтёр не подтверждён на акцию.', en: 'This volunteer has no confirmed sign-up for the campaign.' },
};

/**
 * Picks the message language from an Accept-Language header: `kk`, `kk-KZ`, `kk-Cyrl`, `kk-Latn` → kk;
 * `ru*` → ru; otherwise en. Honours q-values.
 */
export function negotiateLanguage(acceptLanguage: string | undefined | null): MessageLanguage {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'kk' || primary === 'ru' || primary === 'en') return primary;
  }
  return 'en';
}

export function errorMessage(code: ErrorCode, language: MessageLanguage): string {
  return ERROR_MESSAGES[code][language];
}

export function issueMessage(reason: string, language: MessageLanguage): string {
  return (ISSUE_MESSAGES[reason] ?? ISSUE_MESSAGES.invalid_type)[language];
}
