import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { ConnectEffect } from '../../src/strategies/effects.ts';
import { findStrategy } from '../../src/strategies/index.ts';
import { buildTestWorld, runStrategy } from '../runtime/worlds.ts';
import type { Exchange } from './fault-worlds.ts';
import { at, everySecond, faultsWith, recording } from './fault-worlds.ts';

/** Events 1 to 10, one a second; the producer drops every stream after 4 and after 7. */
function runDrops(strategy: string, replay: number) {
  const log: Exchange[] = [];
  const result = runStrategy(
    recording(findStrategy(strategy)!, log),
    buildTestWorld(everySecond(10), { end: at(10) }),
    {
      latency: constant(10),
      faults: faultsWith({ producer: { replay, streamDrops: [at(4.5), at(7.5)] } }),
    },
  );

  const connects = log
    .filter((exchange) => exchange.effect.type === 'connect')
    .map((exchange) => (exchange.effect as ConnectEffect).lastSeq);
  const polls = log.filter((exchange) => exchange.effect.type === 'poll').length;
  return { result, connects, polls };
}

describe.each(['sse', 'websocket'])('%s after two drops', (strategy) => {
  const { result, connects } = runDrops(strategy, 1_000);

  it('resumes from ids 4 and 7', () => {
    expect(connects).toEqual([0, 4, 7]);
  });

  it('sees each event once', () => {
    expect(result.events.notified).toBe(10);
    expect(result.events.duplicatesDropped).toBe(0);
    expect(result.events.lost).toBe(0);
  });

  it('counts both drops', () => {
    expect(result.resets).toBe(2);
  });
});

describe.each(['sse', 'websocket'])('%s without replay', (strategy) => {
  const { result, polls } = runDrops(strategy, 0);

  it('falls back to a poll', () => {
    expect(polls).toBeGreaterThan(0);
  });

  it('misses nothing', () => {
    expect(result.events.notified).toBe(10);
    expect(result.events.lost).toBe(0);
  });
});
