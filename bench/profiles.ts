import type { PollWorkload } from './world.ts';

/** Sizes and sample counts of one benchmark run. */
export interface Profile {
  readonly name: 'full' | 'quick';
  /** The in-process comparison of the simulator with the bare loop. */
  readonly engine: PollWorkload;
  /** Measured calls of each engine task, after one warm-up call. */
  readonly engineSamples: number;
  /** The many-consumer run, timed in a child process. */
  readonly large: PollWorkload;
  readonly largeSamples: number;
  /** Timed runs of `node --import tsx src/cli/main.ts bullpen`, after one warm-up run. */
  readonly cliSamples: number;
  /** Timed runs of `npm run -s scenario bullpen`. */
  readonly npmSamples: number;
}

/** One poll per second, and news about once every 10 s so that latencies get recorded. */
const POLLING = { intervalMs: 1000, meanGapMs: 10_000, seed: 1 } as const;

/**
 * The sizes the goals are stated for: 1,000 consumers over 10,000 s and 100,000 consumers over
 * 100 s, each about 10 million polls. A full run takes about a minute on 2 cores.
 */
export const FULL: Profile = {
  name: 'full',
  engine: { ...POLLING, consumers: 1000, durationMs: 10_000_000 },
  engineSamples: 5,
  large: { ...POLLING, consumers: 100_000, durationMs: 100_000 },
  largeSamples: 3,
  cliSamples: 9,
  npmSamples: 2,
};

/** A tenth of each workload (about 1 million polls) and fewer samples, for CI. */
export const QUICK: Profile = {
  name: 'quick',
  engine: { ...POLLING, consumers: 1000, durationMs: 1_000_000 },
  engineSamples: 5,
  large: { ...POLLING, consumers: 10_000, durationMs: 100_000 },
  largeSamples: 2,
  cliSamples: 5,
  npmSamples: 1,
};
