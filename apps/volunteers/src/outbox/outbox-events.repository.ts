import type { EventDefinition } from '@birgemiz/contracts';
import { OutboxRepository } from '@birgemiz/database';
import { outboxEventOf } from '@birgemiz/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { z, ZodTypeAny } from 'zod';
import { VOLUNTEERS_SCHEMA } from '../database/data-source';
import type { Tx } from '../database/transaction-runner';

/**
 * Writes CloudEvents to the volunteers outbox inside the caller's transaction. Each payload is validated against
 * its event definition first (public payload schemas are strict and carry no personal data).
 */
@Injectable()
export class OutboxEventsRepository {
  readonly outbox: OutboxRepository;

  constructor(dataSource: DataSource) {
    this.outbox = new OutboxRepository(dataSource, VOLUNTEERS_SCHEMA);
  }

  async add<S extends ZodTypeAny>(tx: Tx, definition: EventDefinition<S>, subject: string, data: z.input<S>): Promise<void> {
    await this.outbox.add(tx, [outboxEventOf(definition, subject, data)]);
  }
}
