import { indexCommandSchema, Patterns } from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IndexAdminService } from './index-admin.service';

/** Request-reply handlers for index administration (staff routes and the reindex command). */
@Controller()
export class IndexAdminController {
  constructor(private readonly admin: IndexAdminService) {}

  @MessagePattern(Patterns.search.indexStatus)
  status() {
    return this.admin.status();
  }

  @MessagePattern(Patterns.search.indexRebuild)
  rebuild(@Payload() payload: unknown) {
    return this.admin.startRebuild(parseRpc(indexCommandSchema, payload).actor);
  }

  @MessagePattern(Patterns.search.indexDriftCheck)
  driftCheck(@Payload() payload: unknown) {
    return this.admin.checkDrift(parseRpc(indexCommandSchema, payload).actor);
  }
}
