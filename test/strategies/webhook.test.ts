import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { createRandom } from '../../src/engine/random.ts';
import type { ProducerEvent } from '../../src/model/event-log.ts';
import { EventLog } from '../../src/model/event-log.ts';
import { NO_FAULTS } from '../../src/model/faults.ts';
import type { Subscription } from '../../src/model/producer.ts';
import { createProducerState, handleSubscribe, subscribersFor } from '../../src/model/producer.ts';
import type {
  ConsumerContext,
  Effect,
  ProducerContext,
  PushMessage,
  StrategyProcess,
} from '../../src/strategies/effects.ts';
import { DEFAULT_TUNING } from '../../src/strategies/tuning.ts';
import { webhookStrategy } from '../../src/strategies/webhook.ts';

const EVENTS = new EventLog([
  { time: 10, key: 'a' },
  { time: 20, key: 'b' },
]).events;

const PRODUCER = createProducerState(new EventLog([]));

const SUBSCRIPTIONS: readonly Subscription[] = [
  handleSubscribe(PRODUCER, { consumer: 0, keys: ['a'] }),
  handleSubscribe(PRODUCER, { consumer: 1 }),
];

function consumerContext(handled: ProducerEvent[][]): ConsumerContext {
  return {
    id: 3,
    keys: ['a'],
    random: createRandom(1),
    phase: 0,
    settings: {
      interval: constant(1),
      align: 'random',
      windowStart: 0,
      windowEnd: 100,
      tuning: DEFAULT_TUNING,
    },
    now: () => 0,
    handle: (events) => handled.push([...events]),
  };
}

function producerContext(): ProducerContext {
  return {
    random: createRandom(1),
    tuning: DEFAULT_TUNING,
    faults: NO_FAULTS.emitter,
    now: () => 0,
    subscribersFor: (event) => subscribersFor(PRODUCER, event),
  };
}

/** Runs the emitter over EVENTS and returns what it yielded, without running spawned processes. */
function runEmitter(): Effect[] {
  const process = webhookStrategy.producer!(producerContext());
  const effects: Effect[] = [];
  let nextEvent = 0;

  for (let step = process.next(); step.done !== true; ) {
    effects.push(step.value);
    const input = step.value.type === 'next-event' ? EVENTS[nextEvent++] : undefined;
    step = process.next(input);
  }

  return effects;
}

function firstEffect(process: StrategyProcess): Effect | undefined {
  const step = process.next();
  return step.done === true ? undefined : step.value;
}

describe('webhook consumer', () => {
  it('subscribes with its keys', () => {
    const process = webhookStrategy.consumer(consumerContext([]));

    expect(firstEffect(process)).toEqual({
      type: 'subscribe',
      request: { consumer: 3, keys: ['a'] },
    });
  });

  it('hands each push to the handler', () => {
    const handled: ProducerEvent[][] = [];
    const process = webhookStrategy.consumer(consumerContext(handled));
    process.next();
    process.next(SUBSCRIPTIONS[0]);
    const message: PushMessage = { subscription: 1, events: [EVENTS[0]!] };
    const next = process.next(message);

    expect(handled).toEqual([[EVENTS[0]]]);
    expect(next.value).toEqual({ type: 'receive' });
  });
});

describe('webhook emitter', () => {
  it('spawns one delivery per subscriber', () => {
    const types = runEmitter().map((effect) => effect.type);

    // Event a goes to subscriptions 1 and 2, and event b only to 2, which wants every key.
    expect(types).toEqual(['next-event', 'spawn', 'spawn', 'next-event', 'spawn', 'next-event']);
  });

  it('delivers the event alone', () => {
    const spawned = runEmitter().find((effect) => effect.type === 'spawn');
    const delivery = spawned === undefined ? undefined : firstEffect(spawned.process);

    expect(delivery).toEqual({
      type: 'deliver',
      subscription: SUBSCRIPTIONS[0],
      message: { subscription: 1, events: [EVENTS[0]] },
      attempt: 0,
    });
  });
});
