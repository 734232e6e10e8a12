import { Patterns, publicSearchRequestSchema, staffSearchRequestSchema } from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SearchService } from './search.service';

/** Request-reply handlers for searches: validate (again — the search service trusts no caller), delegate. */
@Controller()
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @MessagePattern(Patterns.search.articlesPublicSearch)
  publicSearch(@Payload() payload: unknown) {
    return this.search.publicSearch(parseRpc(publicSearchRequestSchema, payload, '').query);
  }

  @MessagePattern(Patterns.search.articlesStaffSearch)
  staffSearch(@Payload() payload: unknown) {
    return this.search.staffSearch(parseRpc(staffSearchRequestSchema, payload, '').query);
  }
}
