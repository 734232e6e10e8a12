import { Patterns, type HealthPingResponse } from '@birgemiz/contracts';
import { answerHealthPing } from '@birgemiz/messaging';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { SEARCH_ENGINE, type SearchEngine } from '../engines/search-engine';
import { INSTANCE_ID } from '../tokens';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
  ) {}

  /** Readiness of the search service: its database and its engine (Meilisearch health or the index tables). */
  @MessagePattern(Patterns.search.healthPing)
  async ping(): Promise<HealthPingResponse & { engine: string }> {
    const answer = await answerHealthPing('search', this.instanceId, {
      database: () => this.dataSource.query('SELECT 1'),
      engine: () => this.engine.ping(),
    });
    return { ...answer, engine: this.engine.kind };
  }
}
