import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { REDIS } from '../tokens';

/** One shared Redis connection (BullMQ workers open their own, as BullMQ requires). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [VOLUNTEERS_CONFIG],
      useFactory: (config: VolunteersConfig) =>
        new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
