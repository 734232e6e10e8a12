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
