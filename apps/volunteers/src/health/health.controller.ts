import { Patterns, type HealthPingResponse } from '@birgemiz/contracts';
import { answerHealthPing } from '@birgemiz/messaging';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { INSTANCE_ID, REDIS } from '../tokens';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
  ) {}

  @MessagePattern(Patterns.volunteers.healthPing)
  ping(): Promise<HealthPingResponse> {
    return answerHealthPing('volunteers', this.instanceId, {
      database: () => this.dataSource.query('SELECT 1'),
      redis: () => this.redis.ping(),
    });
  }
}
