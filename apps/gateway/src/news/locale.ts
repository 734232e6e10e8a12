import type { ContentLocale } from '@birgemiz/contracts';
import { negotiateContentLocale } from '@birgemiz/locales';
import type { FastifyRequest } from 'fastify';

/** The content locale of a read: the `locale` query parameter when given, else Accept-Language, else kk-Cyrl. */
export function requestedLocale(request: FastifyRequest, fromQuery: ContentLocale | undefined): ContentLocale {
  return fromQuery ?? negotiateContentLocale(request.headers['accept-language']);
}
