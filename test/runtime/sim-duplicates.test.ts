import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { PollVsPushError } from '../../src/errors.ts';
import { simulate } from '../../src/runtime/sim.ts';
import type {
  ConsumerContext,
  PollResponse,
  StrategyProcess,
} from '../../src/strategies/effects.ts';
import { poll, sleepUntil } from '../../src/strategies/effects.ts';
import type { Strategy } from '../../src/strategies/index.ts';
import { pollStrategy } from '../../src/strategies/poll.ts';
import { DEFAULT_TUNING } from '../../src/strategies/tuning.ts';
import { buildTestWorld, MINUTE, runStrategy } from './worlds.ts';

/** A careless poller that polls twice from cursor 0 after the window, getting each event twice. */
const repollStrategy: Strategy = {
  name: 'repoll',
  description: 'polls from the start of the log twice',
  *consumer(context: ConsumerContext): StrategyProcess {
    yield sleepUntil(context.settings.windowEnd);

    for (let round = 0; round < 2; round++) {
      const response = (yield poll(0, context.keys)) as PollResponse;
      context.handle(response.events);
    }
  },
};

const world = () => buildTestWorld([{ time: 11 * MINUTE }, { time: 12 * MINUTE }]);

describe('duplicate events', () => {
  const result = runStrategy(repollStrategy, world());
  const applied = runStrategy(repollStrategy, world(), {
    tuning: { ...DEFAULT_TUNING, dedupe: false },
  });

  it('drops second sightings by id', () => {
    expect(result.events.duplicatesDropped).toBe(2);
    expect(result.events.duplicates).toBe(0);
  });

  it('applies second sightings again without deduplication', () => {
    expect(applied.events.duplicates).toBe(2);
    expect(applied.events.duplicatesDropped).toBe(0);
  });

  it('counts each event notified once', () => {
    expect(result.events.notified).toBe(2);
  });

  it('wastes the repeated poll', () => {
    expect(result.requests).toBe(2);
    expect(result.wastedRequests).toBe(1);
  });
});

describe('step limit', () => {
  it('stops a run past maxSteps', () => {
    const options = {
      strategy: pollStrategy,
      interval: constant(MINUTE),
      align: 'epoch',
      latency: constant(0),
      seed: 1,
      maxSteps: 3,
    } as const;

    expect(() => simulate(world(), options)).toThrow(PollVsPushError);
  });
});
