import { Patterns, type HealthPingResponse } from '@birgemiz/contracts';
import { answerHealthPing } from '@birgemiz/messaging';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { SEARCH_CONFIG, searchEngineKind, type SearchConfig } from '../config';
import { INSTANCE_ID } from '../tokens';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
    @Inject(SEARCH_CONFIG) private readonly config: SearchConfig,
  ) {}

  @MessagePattern(Patterns.search.healthPing)
  async ping(): Promise<HealthPingResponse & { engine: string }> {
    const answer = await answerHealthPing('search', this.instanceId, { database: () => this.dataSource.query('SELECT 1') });
    return { ...answer, engine: searchEngineKind(this.config) };
  }
}
