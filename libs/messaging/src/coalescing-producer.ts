import type { Kafka, Producer, ProducerRecord, RecordMetadata } from 'kafkajs';

interface Pending {
  record: ProducerRecord;
  resolve: (metadata: RecordMetadata[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Merges concurrent `send` calls of one producer into shared produce requests. While fewer than `maxInFlight`
 * requests are on the wire a record goes out at once (no added latency when idle); records arriving while the
 * wire is busy wait and leave together, as one `sendBatch`, as soon as a request completes. Under load one produce
 * request then carries tens of records instead of one, which is what lets a 2-core machine pass thousands of
 * request-reply messages a second through kafkajs. Each caller's promise settles with its own batch's outcome;
 * records with different send options (acks, timeout, compression) never share a request.
 */
export class SendCoalescer {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly sendBatch: Producer['sendBatch'],
    private readonly maxInFlight = 1,
    private readonly maxBatch = 500,
  ) {}

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return new Promise<RecordMetadata[]>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.flush();
    });
  }

  /** Records waiting for a free request slot (for tests and metrics). */
  queued(): number {
    return this.queue.length;
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      const { acks, timeout, compression } = batch[0].record;
      const topicMessages = new Map<string, ProducerRecord['messages']>();
      for (const { record } of batch) {
        const messages = topicMessages.get(record.topic);
        if (messages) messages.push(...record.messages);
        else topicMessages.set(record.topic, [...record.messages]);
      }
      this.sendBatch({ acks, timeout, compression, topicMessages: [...topicMessages].map(([topic, messages]) => ({ topic, messages })) })
        .then(
          (metadata) => batch.forEach((p) => p.resolve(metadata.filter((m) => m.topicName === p.record.topic))),
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.flush();
        });
    }
  }

  /**
   * The oldest waiting record and the later ones with the same send options, in order, up to `maxBatch` messages;
   * the rest keep their places in the queue.
   */
  private takeBatch(): Pending[] {
    const options = optionsKey(this.queue[0].record);
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    let messages = 0;
    let full = false;
    for (const pending of this.queue) {
      const size = pending.record.messages.length;
      if (!full && optionsKey(pending.record) === options && (batch.length === 0 || messages + size <= this.maxBatch)) {
        batch.push(pending);
        messages += size;
      } else {
        if (optionsKey(pending.record) === options) full = true;
        rest.push(pending);
      }
    }
    this.queue = rest;
    return batch;
  }
}

function optionsKey(record: ProducerRecord): string {
  return `${record.acks ?? ''}|${record.timeout ?? ''}|${record.compression ?? ''}`;
}

/**
 * A kafkajs client whose producers coalesce concurrent sends (SendCoalescer). Used by the request-reply client and
 * server, where many small, independent messages are sent at once; event producers keep plain sends.
 */
export function withCoalescingProducers(kafka: Kafka, maxInFlight = 1): Kafka {
  const createProducer = kafka.producer.bind(kafka);
  kafka.producer = (config) => {
    const producer = createProducer(config);
    const coalescer = new SendCoalescer(producer.sendBatch.bind(producer), maxInFlight);
    producer.send = (record) => coalescer.send(record);
    return producer;
  };
  return kafka;
}
