import type { PollWorkload } from './world.ts';

/** Sizes and sample counts of one benchmark run. */
export interface Profile {
  readonly name: 'full' | 'quick';
  /** The in-process comparison of the simulator with the bare loop. */
  readonly engine: PollWorkload;
  /** Rounds of the engine comparison, each timing one call of each loop; the first warms up. */
  readonly engineSamples: number;
  /** The many-consumer run, timed in a child process. */
  readonly large: PollWorkload;
  readonly largeSamples: number;
  /** Timed runs of `node --import tsx src/cli/main.ts bullpen`, after one warm-up run. */
  readonly cliSamples: number;
  /** Timed runs of `npm run -s scenario bullpen`. */
  readonly npmSamples: number;
  /** The producer's poll endpoint and a bare fastify route under autocannon. */
  readonly poll: PollLoad;
  /** `WebhookSender.post` and a bare undici `Pool` posting to a receiver. */
  readonly webhook: WebhookLoad;
}

/** Closed-loop HTTP load on one poll endpoint, repeated in rounds that alternate two servers. */
export interface PollLoad {
  /** Connections autocannon keeps open; each sends its next request after the last response. */
  readonly connections: number;
  /** Length of one server's load in each round, in whole seconds. */
  readonly seconds: number;
  /** Length of the untimed load on each server before the first round, in whole seconds. */
  readonly warmUpSeconds: number;
  readonly rounds: number;
}

/** A fixed number of webhook posts with a fixed number in flight, in alternating rounds. */
export interface WebhookLoad {
  /** Posts in flight at once, and connections in each client's pool. */
  readonly inFlight: number;
  /** Posts per timed call of each client. */
  readonly posts: number;
  /** Rounds of one call of each client; the first starts with one untimed call of each. */
  readonly rounds: number;
}

/** One poll per second, and news about once every 10 s so that latencies get recorded. */
const POLLING = { intervalMs: 1000, meanGapMs: 10_000, seed: 1 } as const;

/**
 * The sizes the goals are stated for: 1,000 consumers over 10,000 s and 100,000 consumers over
 * 100 s, each about 10 million polls. The poll endpoint gets 15 rounds of 2 s per server,
 * because the rate of one 2 s load moves by up to a third on a shared virtual machine, and many
 * short rounds give a steadier median than a few long ones. A full run takes about 2 minutes on
 * 2 cores.
 */
export const FULL: Profile = {
  name: 'full',
  engine: { ...POLLING, consumers: 1000, durationMs: 10_000_000 },
  engineSamples: 5,
  large: { ...POLLING, consumers: 100_000, durationMs: 100_000 },
  largeSamples: 3,
  cliSamples: 9,
  npmSamples: 2,
  poll: { connections: 100, seconds: 2, warmUpSeconds: 2, rounds: 15 },
  webhook: { inFlight: 64, posts: 20_000, rounds: 5 },
};

/**
 * A tenth of each simulator workload (about 1 million polls), a quarter of the webhook posts,
 * and shorter or fewer rounds, for CI. A quick run takes about 25 s on 2 cores.
 */
export const QUICK: Profile = {
  name: 'quick',
  engine: { ...POLLING, consumers: 1000, durationMs: 1_000_000 },
  engineSamples: 7,
  large: { ...POLLING, consumers: 10_000, durationMs: 100_000 },
  largeSamples: 2,
  cliSamples: 5,
  npmSamples: 1,
  poll: { connections: 100, seconds: 1, warmUpSeconds: 1, rounds: 5 },
  webhook: { inFlight: 64, posts: 5000, rounds: 3 },
};
