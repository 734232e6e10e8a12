import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationStore {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationStore>();

/** Runs `fn` with a correlation id visible to logs and outgoing Kafka messages made inside it. */
export function runWithCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

const VALID_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts a caller's id when it is well-formed, otherwise makes a new one. */
export function correlationIdFrom(candidate: unknown): string {
  if (typeof candidate === 'string' && VALID_ID.test(candidate)) return candidate;
  if (Buffer.isBuffer(candidate)) return correlationIdFrom(candidate.toString('utf8'));
  return randomUUID();
}
