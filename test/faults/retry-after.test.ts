import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { PollResponse } from '../../src/model/producer.ts';
import { findStrategy } from '../../src/strategies/index.ts';
import { buildTestWorld, runStrategy, SECOND } from '../runtime/worlds.ts';
import type { Exchange } from './fault-worlds.ts';
import { at, faultsWith, recording, tuningWith } from './fault-worlds.ts';

const BAN = 60 * SECOND;

/**
 * A producer that allows one request per 10 s and answers more with 429 and a 60 s
 * `Retry-After`, starting the ban again whenever a client comes back early. The client
 * wants to poll every second.
 */
function runBanned(strategy: string, form: 'seconds' | 'date'): Exchange[] {
  const log: Exchange[] = [];
  runStrategy(recording(findStrategy(strategy)!, log), buildTestWorld([], { end: at(600) }), {
    interval: constant(SECOND),
    align: 'random',
    latency: constant(0),
    tuning: tuningWith({ backoff: { baseMs: SECOND, capMs: 4 * SECOND, jitter: 'none' } }),
    faults: faultsWith({
      producer: {
        rateLimit: 1,
        rateLimitWindowMs: 10 * SECOND,
        retryAfterMs: BAN,
        retryAfterForm: form,
      },
    }),
  });
  return log;
}

function statuses(log: readonly Exchange[]): { status: number; time: number }[] {
  return log
    .filter((exchange) => exchange.effect.type === 'poll')
    .map((exchange) => ({ status: (exchange.result as PollResponse).status, time: exchange.time }));
}

describe.each(['seconds', 'date'] as const)('Retry-After as %s', (form) => {
  it('is honoured by poll-adaptive', () => {
    const answers = statuses(runBanned('poll-adaptive', form));
    const firstBan = answers.findIndex((answer) => answer.status === 429);
    const next = answers[firstBan + 1];

    expect(next?.status).toBe(200);
    expect((next?.time ?? 0) - (answers[firstBan]?.time ?? 0)).toBeGreaterThanOrEqual(BAN);
  });
});

describe('a client that backs off to 4 s', () => {
  const answers = statuses(runBanned('poll-backoff', 'seconds'));
  const firstBan = answers.findIndex((answer) => answer.status === 429);
  const banStart = answers[firstBan]?.time ?? 0;

  it('is still banned after 5 minutes', () => {
    const later = answers.filter((answer) => answer.time > banStart + 300 * SECOND);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((answer) => answer.status === 429)).toBe(true);
  });

  it('never waits more than 4 s', () => {
    const gaps = answers.slice(firstBan + 1).map((answer, index) => {
      return answer.time - (answers[firstBan + index]?.time ?? 0);
    });
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4 * SECOND);
  });
});
