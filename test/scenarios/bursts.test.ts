import { describe, expect, it } from 'vitest';
import fileSync from '../../scenarios/file-sync.ts';
import sms from '../../scenarios/sms.ts';
import {
  buildScenarioWorld,
  countsPerWindow,
  eventsWithKey,
  varianceToMean,
} from './scenario-worlds.ts';

const HOUR = 3_600_000;

/**
 * Counts in windows much longer than a burst of a compound Poisson process whose bursts hold a
 * geometric number of events with mean m have a variance-to-mean ratio of E[N²] / E[N] =
 * 2m - 1, against 1 for a plain Poisson process.
 */
function burstRatio(mean: number): number {
  return 2 * mean - 1;
}

describe('sms bursts', () => {
  const world = buildScenarioWorld(sms, {
    duration: '10d',
    scenarioOptions: { numbers: '300', burst: '4' },
  });
  const keys = (kind: string) => Array.from({ length: 300 }, (_, n) => `number-${n + 1}/${kind}`);
  const counts = async (kind: string) => {
    const { windowStart, windowEnd } = await world;
    const window = { start: windowStart, end: windowEnd, width: 6 * HOUR };
    return countsPerWindow((await world).log.events, keys(kind), window);
  };

  it('make texts overdispersed', async () => {
    expect(varianceToMean(await counts('sms'))).toBeGreaterThan(1.5);
  });

  it('match the burst formula', async () => {
    const ratio = varianceToMean(await counts('sms'));

    expect(Math.abs(ratio / burstRatio(4) - 1)).toBeLessThan(0.15);
  });

  it('leave calls Poisson', async () => {
    const ratio = varianceToMean(await counts('call'));

    expect(Math.abs(ratio - 1)).toBeLessThan(0.1);
  });

  it('keep the --texts rate', async () => {
    const texts = eventsWithKey(await world, 'number-').filter((e) => e.key.endsWith('/sms'));
    const expected = 300 * 20 * 10;

    // The count of a compound Poisson process has variance (2m - 1) times its mean.
    expect(Math.abs(texts.length - expected)).toBeLessThan(4 * Math.sqrt(7 * expected));
  });
});

describe('file-sync bursts', () => {
  const users = 200;
  const world = buildScenarioWorld(fileSync, {
    duration: '10d',
    scenarioOptions: { users: String(users), saves: '10' },
  });

  it('make saves overdispersed', async () => {
    const { log, windowStart, windowEnd } = await world;
    const keys = Array.from({ length: users }, (_, index) => `user-${index + 1}`);
    const counts = countsPerWindow(log.events, keys, {
      start: windowStart,
      end: windowEnd,
      width: 6 * HOUR,
    });
    const ratio = varianceToMean(counts);

    expect(ratio).toBeGreaterThan(1.5);
    expect(Math.abs(ratio / burstRatio(10) - 1)).toBeLessThan(0.15);
  });

  it('keep the saves rate', async () => {
    const expected = users * 3 * 10 * 10;

    expect(Math.abs((await world).log.size - expected)).toBeLessThan(
      4 * Math.sqrt(burstRatio(10) * expected),
    );
  });

  it('give each user a client', async () => {
    const { consumers } = await world;

    expect(consumers.map((consumer) => consumer.keys)).toContainEqual([`user-${users}`]);
  });
});
