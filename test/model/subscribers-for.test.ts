import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/random.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { Subscription } from '../../src/model/producer.ts';
import { createProducerState, handleSubscribe, subscribersFor } from '../../src/model/producer.ts';

const KEYS = ['game-1', 'game-2', 'game-3', 'game-4', 'game-5'];

/** Events of every key, and one of a key that no subscription names. */
const log = new EventLog([...KEYS, 'game-9'].map((key, index) => ({ time: index, key })));

/** Registers 500 subscriptions: a tenth want every key, the rest one or two random keys. */
function subscribedProducer() {
  const random = createStream(3, 'test/subscribers-for');
  const producer = createProducerState(log);
  const pick = () => KEYS[Math.floor(random.next() * KEYS.length)] as string;

  for (let consumer = 0; consumer < 500; consumer++) {
    const everyKey = random.next() < 0.1;
    const keys = random.next() < 0.5 ? [pick()] : [pick(), pick()];
    handleSubscribe(producer, { consumer, keys: everyKey ? undefined : keys });
  }
  return producer;
}

/** Returns the ids of the subscriptions that want `key`, in order, by a full scan. */
function scan(subscriptions: readonly Subscription[], key: string): number[] {
  const wants = (subscription: Subscription) =>
    subscription.keys === undefined || subscription.keys.has(key);
  return subscriptions.filter(wants).map((subscription) => subscription.id);
}

describe('subscribersFor', () => {
  const producer = subscribedProducer();

  it.each(log.events.map((event) => [event.key, event]))('matches a scan for %s', (_, event) => {
    const found = subscribersFor(producer, event).map((subscription) => subscription.id);

    expect(found).toEqual(scan(producer.subscriptions, event.key));
  });
});
