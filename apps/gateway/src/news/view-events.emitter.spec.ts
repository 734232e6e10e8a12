import { Logger } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { ViewEventsEmitter, type ViewProducer } from './view-events.emitter';
import type { Logger as PinoLogger } from 'pino';
import type { ProducerRecord, RecordMetadata } from 'kafkajs';

const ARTICLE_A = '0b9f0a53-5c1e-4d8e-9d7a-2f6f0f2d4a11';
const ARTICLE_B = '5d4c7e2a-8f1b-4a3c-b6d9-0e1f2a3b4c5d';

/** A producer whose sends stay open until the test settles them. */
class FakeProducer implements ViewProducer {
  readonly sends: { record: ProducerRecord; settle: (error?: Error) => void }[] = [];
  connect = async (): Promise<void> => undefined;
  disconnect = async (): Promise<void> => undefined;
  send = (record: ProducerRecord): Promise<RecordMetadata[]> =>
    new Promise((resolve, reject) => this.sends.push({ record, settle: (error) => (error ? reject(error) : resolve([])) }));

  /** `articleId locale` → count, of one send's events. */
  counts(index: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const message of this.sends[index].record.messages) {
      const { data } = JSON.parse(String(message.value));
      expect(message.key).toBe(data.articleId);
      out[`${data.articleId} ${data.locale}`] = data.count;
    }
    return out;
  }
}

class TestEmitter extends ViewEventsEmitter {
  static fake: FakeProducer;
  protected override createProducer(): ViewProducer {
    return TestEmitter.fake;
  }
}

/** Lets the promise callbacks of settled sends run (fake timers leave microtasks alone). */
async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('ViewEventsEmitter', () => {
  let producer: FakeProducer;
  let emitter: ViewEventsEmitter;

  beforeEach(async () => {
    jest.useFakeTimers();
    producer = new FakeProducer();
    TestEmitter.fake = producer;
    emitter = new TestEmitter({ KAFKA_BROKERS: '127.0.0.1:1', KAFKA_SESSION_TIMEOUT_MS: 6_000, KAFKA_HEARTBEAT_INTERVAL_MS: 1_000 } as GatewayConfig, 'test', {} as PinoLogger);
    await emitter.onApplicationBootstrap();
    await settleMicrotasks();
  });

  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => jest.useRealTimers());

  it('sends the view of an idle gateway at once, as one event of count 1 keyed by the article', async () => {
    emitter.viewed(ARTICLE_A, 'kk-Latn');
    await jest.advanceTimersByTimeAsync(0);
    expect(producer.sends).toHaveLength(1);
    expect(producer.sends[0].record.topic).toBe('birgemiz.news.article-view.v1');
    expect(producer.counts(0)).toEqual({ [`${ARTICLE_A} kk-Latn`]: 1 });
  });

  it('sums the views that arrive during a send and sends them once, no sooner than 20 ms after the last send began', async () => {
    emitter.viewed(ARTICLE_A, 'ru');
    await jest.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 3; i++) emitter.viewed(ARTICLE_A, 'ru');
    emitter.viewed(ARTICLE_B, 'en');
    await jest.advanceTimersByTimeAsync(50);
    expect(producer.sends).toHaveLength(1); // the first send is still on the wire

    producer.sends[0].settle();
    await settleMicrotasks();
    await jest.advanceTimersByTimeAsync(0);
    expect(producer.sends).toHaveLength(2);
    expect(producer.counts(1)).toEqual({ [`${ARTICLE_A} ru`]: 3, [`${ARTICLE_B} en`]: 1 });

    emitter.viewed(ARTICLE_B, 'en'); // during the second send: waits for the interval, not sent right after it
    producer.sends[1].settle();
    await settleMicrotasks();
    await jest.advanceTimersByTimeAsync(19);
    expect(producer.sends).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(producer.sends).toHaveLength(3);
    expect(producer.counts(2)).toEqual({ [`${ARTICLE_B} en`]: 1 });
  });

  it('puts the counts of a failed send back and sends them with later views a second later', async () => {
    emitter.viewed(ARTICLE_A, 'kk-Cyrl');
    emitter.viewed(ARTICLE_A, 'kk-Cyrl');
    await jest.advanceTimersByTimeAsync(0);
    expect(producer.counts(0)).toEqual({ [`${ARTICLE_A} kk-Cyrl`]: 2 });
    producer.sends[0].settle(new Error('broker away'));
    await settleMicrotasks();
    expect(emitter.pendingViews()).toBe(2);

    emitter.viewed(ARTICLE_A, 'kk-Cyrl');
    await jest.advanceTimersByTimeAsync(900);
    expect(producer.sends).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(200);
    expect(producer.sends).toHaveLength(2);
    expect(producer.counts(1)).toEqual({ [`${ARTICLE_A} kk-Cyrl`]: 3 });
    expect(emitter.pendingViews()).toBe(0);
  });

  it('sends what is pending before it shuts down', async () => {
    emitter.viewed(ARTICLE_A, 'en');
    await jest.advanceTimersByTimeAsync(0);
    emitter.viewed(ARTICLE_B, 'ru');
    const closing = emitter.beforeApplicationShutdown();
    producer.sends[0].settle();
    await settleMicrotasks();
    expect(producer.sends).toHaveLength(2);
    expect(producer.counts(1)).toEqual({ [`${ARTICLE_B} ru`]: 1 });
    producer.sends[1].settle();
    await closing;
  });
});
