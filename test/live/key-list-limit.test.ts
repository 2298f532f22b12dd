import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { runLive } from '../../src/runtime/live.ts';
import { pollStrategy } from '../../src/strategies/poll.ts';
import { buildTestWorld, MINUTE } from '../runtime/worlds.ts';

describe('live key lists', () => {
  it('refuses keys past a request line', async () => {
    const keys = Array.from({ length: 1_000 }, (_, index) => `bounced/message-${index}`);
    const world = buildTestWorld([], { consumers: [{ keys }] });
    const run = runLive(world, {
      strategy: pollStrategy,
      interval: constant(MINUTE),
      align: 'random',
      latency: constant(0),
      seed: 1,
      timeScale: 1_000,
    });

    await expect(run).rejects.toThrow('consumer 0 wants 1000 keys');
  });
});
