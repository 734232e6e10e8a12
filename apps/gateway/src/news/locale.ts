import type { ContentLocale } from '@birgemiz/contracts';
import { negotiateContentLocale } from '@birgemiz/locales';
import type { IncomingHttpHeaders } from 'node:http';

/** The content locale of a read: the `locale` query parameter when given, else Accept-Language, else kk-Cyrl. */
export function requestedLocale(request: { headers: IncomingHttpHeaders }, fromQuery: ContentLocale | undefined): ContentLocale {
  return fromQuery ?? negotiateContentLocale(request.headers['accept-language']);
}
