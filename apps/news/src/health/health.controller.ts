import { Patterns, type HealthPingResponse } from '@birgemiz/contracts';
import { answerHealthPing } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { INSTANCE_ID } from '../tokens';
import { Inject } from '@nestjs/common';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
  ) {}

  @MessagePattern(Patterns.news.healthPing)
  ping(): Promise<HealthPingResponse> {
    return answerHealthPing('news', this.instanceId, { database: () => this.dataSource.query('SELECT 1') });
  }
}
