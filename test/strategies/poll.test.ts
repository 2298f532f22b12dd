import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { createRandom } from '../../src/engine/random.ts';
import type { ProducerEvent } from '../../src/model/event-log.ts';
import type { ConsumerContext, Effect, PollResponse } from '../../src/strategies/effects.ts';
import { findStrategy, STRATEGIES } from '../../src/strategies/index.ts';
import { pollStrategy } from '../../src/strategies/poll.ts';
import { DEFAULT_TUNING } from '../../src/strategies/tuning.ts';

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
      tuning: DEFAULT_TUNING,
    },
    now: () => now,
    handle: (events) => handled.push([...events]),
  };

  return { context, handled, setNow: (time) => (now = time) };
}

/**
 * Runs the poll strategy, moving the clock to each poll's send time and responding with
 * `cursor + 1`. Returns a copy of each effect it yielded, because the strategy reuses one
 * request object and changes it between polls.
 */
function runPoller(consumer: FakeConsumer): Effect[] {
  const process = pollStrategy.consumer(consumer.context);
  const effects: Effect[] = [];
  let input: unknown;

  for (let step = process.next(); step.done !== true; step = process.next(input)) {
    const effect = { ...step.value };
    effects.push(effect);
    input = undefined;

    if (effect.type === 'sleep') consumer.setNow(effect.until);
    if (effect.type === 'poll') {
      if (effect.at !== undefined) consumer.setNow(Math.max(effect.at, consumer.context.now()));
      input = { status: 200, events: [], cursor: effect.cursor + 1 } satisfies PollResponse;
    }
  }

  return effects;
}

describe('poll strategy schedule', () => {
  it('polls first at epoch multiple', () => {
    const [first] = runPoller(fakeConsumer('epoch'));

    expect(first).toMatchObject({ type: 'poll', cursor: 0, keys: ['k'], at: 660_000 });
  });

  it('polls until the window ends', () => {
    const polls = runPoller(fakeConsumer('epoch')).filter((effect) => effect.type === 'poll');

    expect(polls.map((effect) => effect.at)).toEqual([660_000, 720_000, 780_000, 840_000, 900_000]);
  });

  it('yields one poll per cycle', () => {
    const types = runPoller(fakeConsumer('epoch')).map((effect) => effect.type);

    expect(types).toEqual(Array.from({ length: 5 }, () => 'poll'));
  });

  it('starts at its random phase', () => {
    const [first] = runPoller(fakeConsumer('random', 0.25));

    expect(first?.type === 'poll' ? first.at : undefined).toBe(645_000);
  });

  it('polls at once with phase 0', () => {
    const consumer = fakeConsumer('random', 0);
    consumer.setNow(630_000);
    const [first] = runPoller(consumer);

    expect(first?.type === 'poll' ? first.at : undefined).toBe(630_000);
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
  it('lists every strategy in teaching order', () => {
    expect([...STRATEGIES.keys()]).toEqual([
      'poll',
      'poll-jitter',
      'poll-backoff',
      'poll-adaptive',
      'poll-conditional',
      'long-poll',
      'sse',
      'websocket',
      'webhook',
      'hybrid',
    ]);
  });

  it('finds a strategy by name', () => {
    expect(findStrategy('poll')).toBe(pollStrategy);
  });

  it('finds no unknown strategy', () => {
    expect(findStrategy('smoke-signal')).toBeUndefined();
  });
});
