import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/model/event-log.ts';
import type { ProducerState } from '../../src/model/producer.ts';
import {
  createProducerState,
  handlePoll,
  handleSubscribe,
  subscribersFor,
} from '../../src/model/producer.ts';

/** Creates a producer with events 1..4 at times 10, 20, 30 and 40, keyed a, b, a, b. */
function sampleProducer(): ProducerState {
  return createProducerState(
    new EventLog([
      { time: 10, key: 'a' },
      { time: 20, key: 'b' },
      { time: 30, key: 'a' },
      { time: 40, key: 'b' },
    ]),
  );
}

const seqs = (events: readonly { seq: number }[]) => events.map((event) => event.seq);

describe('handlePoll', () => {
  it('returns events after the cursor', () => {
    const response = handlePoll(sampleProducer(), { cursor: 1 }, 30);

    expect(seqs(response.events)).toEqual([2, 3]);
  });

  it('moves the cursor to the head', () => {
    expect(handlePoll(sampleProducer(), { cursor: 1 }, 30).cursor).toBe(3);
  });

  it('sees an event at poll time', () => {
    expect(seqs(handlePoll(sampleProducer(), { cursor: 0 }, 10).events)).toEqual([1]);
  });

  it('returns nothing when up to date', () => {
    const response = handlePoll(sampleProducer(), { cursor: 3 }, 35);

    expect(response.events).toEqual([]);
    expect(response.cursor).toBe(3);
  });

  it('keeps a cursor ahead of head', () => {
    expect(handlePoll(sampleProducer(), { cursor: 4 }, 15).cursor).toBe(4);
  });

  it('filters by keys', () => {
    const response = handlePoll(sampleProducer(), { cursor: 0, keys: ['b'] }, 40);

    expect(seqs(response.events)).toEqual([2, 4]);
  });

  it('moves a keyed cursor to head', () => {
    // The cursor counts every event, so a keyed consumer skips other keys' events for good.
    expect(handlePoll(sampleProducer(), { cursor: 0, keys: ['a'] }, 40).cursor).toBe(4);
  });

  it('chains cursors without gaps', () => {
    const producer = sampleProducer();
    const first = handlePoll(producer, { cursor: 0 }, 25);
    const second = handlePoll(producer, { cursor: first.cursor }, 45);

    expect(seqs(first.events)).toEqual([1, 2]);
    expect(seqs(second.events)).toEqual([3, 4]);
  });
});

describe('subscriptions', () => {
  it('numbers subscriptions from 1', () => {
    const producer = sampleProducer();
    const first = handleSubscribe(producer, { consumer: 7 });
    const second = handleSubscribe(producer, { consumer: 8 });

    expect(first.id).toBe(1);
    expect(second.id).toBe(2);
    expect(second.consumer).toBe(8);
  });

  it('finds subscribers by key', () => {
    const producer = sampleProducer();
    handleSubscribe(producer, { consumer: 0, keys: ['a'] });
    handleSubscribe(producer, { consumer: 1, keys: ['b'] });
    handleSubscribe(producer, { consumer: 2 });
    const eventB = producer.log.events[1]!;

    expect(subscribersFor(producer, eventB).map((item) => item.consumer)).toEqual([1, 2]);
  });

  it('lists subscribers in registration order', () => {
    const producer = sampleProducer();
    handleSubscribe(producer, { consumer: 5 });
    handleSubscribe(producer, { consumer: 3, keys: ['a', 'b'] });
    const eventA = producer.log.events[0]!;

    expect(subscribersFor(producer, eventA).map((item) => item.consumer)).toEqual([5, 3]);
  });

  it('finds none for other keys', () => {
    const producer = sampleProducer();
    handleSubscribe(producer, { consumer: 0, keys: ['c'] });

    expect(subscribersFor(producer, producer.log.events[0]!)).toEqual([]);
  });
});
