import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { createRandom } from '../../src/engine/random.ts';
import type { ProducerEvent } from '../../src/model/event-log.ts';
import type { ConsumerContext, Effect, PollResponse } from '../../src/strategies/effects.ts';
import { findStrategy, STRATEGIES } from '../../src/strategies/index.ts';
import { pollStrategy } from '../../src/strategies/poll.ts';

interface FakeConsumer {
  readonly context: ConsumerContext;
  readonly handled: ProducerEvent[][];
  setNow(time: number): void;
}

/** Creates a consumer context whose clock the test sets, polling each minute, 10:30 to 15:00. */
function fakeConsumer(align: 'random' | 'epoch', phase = 0): FakeConsumer {
  let now = 0;
  const handled: ProducerEvent[][] = [];
  const context: ConsumerContext = {
    id: 0,
    keys: ['k'],
    random: createRandom(1),
    phase,
    settings: {
      interval: constant(60_000),
      align,
      windowStart: 630_000,
      windowEnd: 900_000,
    },
    now: () => now,
    handle: (events) => handled.push([...events]),
  };

  return { context, handled, setNow: (time) => (now = time) };
}

/**
 * Runs the poll strategy, moving the clock to each sleep's end and responding to each poll with
 * `cursor + 1`. Returns the effects it yielded.
 */
function runPoller(consumer: FakeConsumer): Effect[] {
  const process = pollStrategy.consumer(consumer.context);
  const effects: Effect[] = [];
  let input: unknown;

  for (let step = process.next(); step.done !== true; step = process.next(input)) {
    const effect = step.value;
    effects.push(effect);
    input = undefined;

    if (effect.type === 'sleep') consumer.setNow(effect.until);
    if (effect.type === 'poll') input = { events: [], cursor: effect.cursor + 1 } as PollResponse;
  }

  return effects;
}

describe('poll strategy schedule', () => {
  it('sleeps to the first epoch multiple', () => {
    const [first] = runPoller(fakeConsumer('epoch'));

    expect(first).toEqual({ type: 'sleep', until: 660_000 });
  });

  it('polls until the window ends', () => {
    const effects = runPoller(fakeConsumer('epoch'));
    const sleeps = effects.filter((effect) => effect.type === 'sleep');

    expect(sleeps.map((effect) => effect.until)).toEqual([
      660_000, 720_000, 780_000, 840_000, 900_000,
    ]);
  });

  it('alternates sleep and poll', () => {
    const types = runPoller(fakeConsumer('epoch')).map((effect) => effect.type);

    expect(types).toEqual(Array.from({ length: 5 }, () => ['sleep', 'poll']).flat());
  });

  it('starts at its random phase', () => {
    const [first] = runPoller(fakeConsumer('random', 0.25));

    expect(first).toEqual({ type: 'sleep', until: 645_000 });
  });

  it('polls at once with phase 0', () => {
    const consumer = fakeConsumer('random', 0);
    consumer.setNow(630_000);
    const [first] = runPoller(consumer);

    expect(first?.type).toBe('poll');
  });
});

describe('poll strategy requests', () => {
  it('sends the last cursor', () => {
    const polls = runPoller(fakeConsumer('epoch')).filter((effect) => effect.type === 'poll');

    expect(polls.map((effect) => effect.cursor)).toEqual([0, 1, 2, 3, 4]);
  });

  it('asks for its keys', () => {
    const polls = runPoller(fakeConsumer('epoch')).filter((effect) => effect.type === 'poll');

    expect(polls.every((effect) => effect.keys?.[0] === 'k')).toBe(true);
  });

  it('hands every response to the handler', () => {
    const consumer = fakeConsumer('epoch');
    runPoller(consumer);

    expect(consumer.handled).toHaveLength(5);
  });
});

describe('strategy registry', () => {
  it('lists poll and webhook', () => {
    expect([...STRATEGIES.keys()]).toEqual(['poll', 'webhook']);
  });

  it('finds a strategy by name', () => {
    expect(findStrategy('poll')).toBe(pollStrategy);
  });

  it('finds no unknown strategy', () => {
    expect(findStrategy('smoke-signal')).toBeUndefined();
  });
});
