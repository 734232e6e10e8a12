import type { ZodTypeAny } from 'zod';

/** One event type on one topic: the single source for validation, producers and the AsyncAPI catalogue. */
export interface EventDefinition<S extends ZodTypeAny = ZodTypeAny> {
  /** Kafka topic (versioned). */
  topic: string;
  /** CloudEvents `type`. Wire identifier: never derived from a class name, never renamed. */
  type: string;
  /** CloudEvents `source` of the producing service. */
  source: string;
  summary: string;
  /** Public events may be read by integrations and must carry no personal data. */
  visibility: 'public' | 'internal';
  payload: S;
}

export function defineEvent<S extends ZodTypeAny>(definition: EventDefinition<S>): EventDefinition<S> {
  return definition;
}
