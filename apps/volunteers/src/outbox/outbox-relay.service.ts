import { kafkaClientConfig, kafkaSettingsFrom, OutboxRelay } from '@birgemiz/messaging';
import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { INSTANCE_ID, VOLUNTEERS_LOGGER } from '../tokens';
import { OutboxEventsRepository } from './outbox-events.repository';

/** Publishes the volunteers outbox to Kafka while the app runs (started on bootstrap, stopped before the database closes). */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay: OutboxRelay | undefined;

  constructor(
    private readonly events: OutboxEventsRepository,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: VolunteersConfig,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
    @Inject(VOLUNTEERS_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const kafka = new Kafka(kafkaClientConfig(kafkaSettingsFrom(this.config), `birgemiz-volunteers-outbox-${this.instanceId}`, this.logger));
    this.relay = new OutboxRelay(kafka, this.events.outbox, this.logger);
    await this.relay.start();
  }

  /** Skips the relay's idle wait after a commit that wrote events. */
  notify(): void {
    this.relay?.notify();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
