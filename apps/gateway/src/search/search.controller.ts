import { Patterns, publicSearchQuerySchema, type PublicSearchQuery, type SearchResult } from '@birgemiz/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServicesClient } from '../clients/services-client';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

/** Public search over published articles (any script or keyboard for Kazakh; Russian word forms). */
@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly services: ServicesClient) {}

  @Get()
  @ApiOperation({
    summary:
      'Search published news: q (≤ 200 characters, "phrases" in balanced double quotes), locale, tag, region, from, to, sort=relevance|date, page, pageSize (≤ 50). Hits name the article, the matched locale and its slug, with a highlighted snippet.',
  })
  search(@Query(new ZodValidationPipe(publicSearchQuerySchema, 'query')) query: PublicSearchQuery): Promise<SearchResult> {
    return this.services.request(Patterns.search.articlesPublicSearch, { query });
  }
}
