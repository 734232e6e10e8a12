import { CORRELATION_HEADER, createCloudEvent, type EventDefinition } from '@birgemiz/contracts';
import type { NewOutboxEvent } from '@birgemiz/database';
import { currentCorrelationId } from '@birgemiz/logging';
import type { z, ZodTypeAny } from 'zod';

/**
 * One outbox row for an event: the payload validated against the event's definition (public payloads are strict and
 * carry no personal data), wrapped in a CloudEvent whose subject and Kafka key are the aggregate id, with the current
 * correlation id as a header.
 */
export function outboxEventOf<S extends ZodTypeAny>(definition: EventDefinition<S>, subject: string, data: z.input<S>): NewOutboxEvent {
  const payload = definition.payload.parse(data) as z.output<S>;
  const correlationId = currentCorrelationId();
  return {
    topic: definition.topic,
    key: subject,
    event: createCloudEvent({ type: definition.type, source: definition.source, subject, data: payload }) as unknown as Record<string, unknown>,
    headers: correlationId ? { [CORRELATION_HEADER]: correlationId } : {},
  };
}
