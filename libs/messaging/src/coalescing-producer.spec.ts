import type { ProducerBatch, RecordMetadata } from 'kafkajs';
import { SendCoalescer } from './coalescing-producer';

/** A fake sendBatch that records each call and settles it when the test says so. */
function fakeWire() {
  const calls: { batch: ProducerBatch; settle: (error?: Error) => void }[] = [];
  const sendBatch = (batch: ProducerBatch) =>
    new Promise<RecordMetadata[]>((resolve, reject) => {
      calls.push({
        batch,
        settle: (error) =>
          error
            ? reject(error)
            : resolve((batch.topicMessages ?? []).map((t) => ({ topicName: t.topic, partition: 0, errorCode: 0 }))),
      });
    });
  return { calls, sendBatch };
}

const record = (topic: string, value: string, acks = -1) => ({ topic, acks, messages: [{ value }] });
const flushMicrotasks = () => new Promise((r) => setImmediate(r));

describe('SendCoalescer', () => {
  it('sends at once while the wire is free, then merges what arrives meanwhile into one request', async () => {
    const wire = fakeWire();
    const coalescer = new SendCoalescer(wire.sendBatch);
    const first = coalescer.send(record('a', '1'));
    expect(wire.calls).toHaveLength(1);
    const later = [coalescer.send(record('a', '2')), coalescer.send(record('b', '3')), coalescer.send(record('a', '4'))];
    expect(wire.calls).toHaveLength(1);
    expect(coalescer.queued()).toBe(3);

    wire.calls[0].settle();
    await expect(first).resolves.toEqual([{ topicName: 'a', partition: 0, errorCode: 0 }]);
    await flushMicrotasks();
    expect(wire.calls).toHaveLength(2);
    expect(wire.calls[1].batch.topicMessages).toEqual([
      { topic: 'a', messages: [{ value: '2' }, { value: '4' }] },
      { topic: 'b', messages: [{ value: '3' }] },
    ]);
    wire.calls[1].settle();
    const [second, third] = await Promise.all(later);
    expect(second.map((m) => m.topicName)).toEqual(['a']);
    expect(third.map((m) => m.topicName)).toEqual(['b']);
  });

  it('fails every record of a failed request and keeps sending the next ones', async () => {
    const wire = fakeWire();
    const coalescer = new SendCoalescer(wire.sendBatch);
    const first = coalescer.send(record('a', '1'));
    const second = coalescer.send(record('a', '2'));
    const third = coalescer.send(record('a', '3'));
    wire.calls[0].settle();
    await first;
    await flushMicrotasks();
    wire.calls[1].settle(new Error('broker away'));
    await expect(second).rejects.toThrow('broker away');
    await expect(third).rejects.toThrow('broker away');
    const fourth = coalescer.send(record('a', '4'));
    expect(wire.calls).toHaveLength(3);
    wire.calls[2].settle();
    await expect(fourth).resolves.toHaveLength(1);
  });

  it('never mixes records with different acks and keeps their order', async () => {
    const wire = fakeWire();
    const coalescer = new SendCoalescer(wire.sendBatch);
    void coalescer.send(record('a', 'busy'));
    void coalescer.send(record('a', '1', -1));
    void coalescer.send(record('a', '2', 1));
    void coalescer.send(record('a', '3', -1));
    wire.calls[0].settle();
    await flushMicrotasks();
    expect(wire.calls[1].batch).toMatchObject({ acks: -1, topicMessages: [{ topic: 'a', messages: [{ value: '1' }, { value: '3' }] }] });
    wire.calls[1].settle();
    await flushMicrotasks();
    expect(wire.calls[2].batch).toMatchObject({ acks: 1, topicMessages: [{ topic: 'a', messages: [{ value: '2' }] }] });
  });

  it('caps a request at maxBatch messages and sends the rest next, in order', async () => {
    const wire = fakeWire();
    const coalescer = new SendCoalescer(wire.sendBatch, 1, 3);
    void coalescer.send(record('a', 'busy'));
    for (let i = 1; i <= 5; i++) void coalescer.send(record('a', String(i)));
    wire.calls[0].settle();
    await flushMicrotasks();
    expect(wire.calls[1].batch.topicMessages?.[0].messages.map((m) => m.value)).toEqual(['1', '2', '3']);
    wire.calls[1].settle();
    await flushMicrotasks();
    expect(wire.calls[2].batch.topicMessages?.[0].messages.map((m) => m.value)).toEqual(['4', '5']);
  });

  it('keeps up to maxInFlight requests on the wire', () => {
    const wire = fakeWire();
    const coalescer = new SendCoalescer(wire.sendBatch, 2);
    void coalescer.send(record('a', '1'));
    void coalescer.send(record('a', '2'));
    void coalescer.send(record('a', '3'));
    expect(wire.calls).toHaveLength(2);
    expect(coalescer.queued()).toBe(1);
  });
});
