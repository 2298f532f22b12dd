import type { PollWorkload } from './world.ts';

/** Sizes and sample counts of one benchmark run. */
export interface Profile {
  readonly name: 'full' | 'quick';
  /** The in-process comparison of the simulator with the bare loop. */
  readonly engine: PollWorkload;
  /** Timed rounds of the engine comparison, each one call of each loop; even, see rounds.ts. */
  readonly engineRounds: number;
  /** The many-consumer run, timed in a child process. */
  readonly large: PollWorkload;
  readonly largeSamples: number;
  /** `bullpen --games N` under webhook and under poll, timed in an even number of rounds. */
  readonly pushScale: { readonly games: number; readonly rounds: number };
  /** Timed runs of `node --import tsx src/cli/main.ts bullpen`, after one warm-up run. */
  readonly cliSamples: number;
  /** Timed runs of `npm run -s scenario bullpen`. */
  readonly npmSamples: number;
  /** The producer's poll endpoint and a bare fastify route under autocannon. */
  readonly poll: HttpLoad;
  /** Conditional polls that get 304 and unconditional ones that get 200, on the producer. */
  readonly conditional: HttpLoad;
  /** The project's webhook receiver and a bare fastify POST route under autocannon. */
  readonly receiver: HttpLoad;
  /** `WebhookSender.post` and a bare undici `Pool` posting to a receiver. */
  readonly webhook: WebhookLoad;
}

/** Closed-loop HTTP load on two targets, repeated in rounds that alternate them. */
export interface HttpLoad {
  /** Connections autocannon keeps open; each sends its next request after the last response. */
  readonly connections: number;
  /** Length of one target's load in each round, in seconds. */
  readonly seconds: number;
  /** Length of the untimed load on each target before the first round, in seconds. */
  readonly warmUpSeconds: number;
  /** Timed rounds; even, so that each order runs equally often (see rounds.ts). */
  readonly rounds: number;
}

/** A fixed number of webhook posts with a fixed number in flight, in alternating rounds. */
export interface WebhookLoad {
  /** Posts in flight at once, and connections in each client's pool. */
  readonly inFlight: number;
  /** Posts per timed call of each client. */
  readonly posts: number;
  /** Timed rounds of one call of each client, after one untimed call of each; even. */
  readonly rounds: number;
}

/** One poll per second, and news about once every 10 s so that latencies get recorded. */
const POLLING = { intervalMs: 1000, meanGapMs: 10_000, seed: 1 } as const;

/**
 * The sizes the goals are stated for: 1,000 consumers over 10,000 s and 100,000 consumers over
 * 100 s, each about 10 million polls. Each HTTP comparison gets 16 rounds of 2 s per target,
 * because the rate of one 2 s load moves by up to a third on a shared virtual machine, and many
 * short rounds give a steadier median than a few long ones. The HTTP loads alone last
 * 3 x (2 x 2 s + 16 x 2 x 2 s) = 204 s. A full run took 6 min 51 s on 2 cores that other work
 * kept busy (load average 7 to 8).
 */
export const FULL: Profile = {
  name: 'full',
  engine: { ...POLLING, consumers: 1000, durationMs: 10_000_000 },
  engineRounds: 6,
  large: { ...POLLING, consumers: 100_000, durationMs: 100_000 },
  largeSamples: 3,
  pushScale: { games: 20_000, rounds: 4 },
  cliSamples: 9,
  npmSamples: 2,
  poll: { connections: 100, seconds: 2, warmUpSeconds: 2, rounds: 16 },
  conditional: { connections: 100, seconds: 2, warmUpSeconds: 2, rounds: 16 },
  receiver: { connections: 100, seconds: 2, warmUpSeconds: 2, rounds: 16 },
  webhook: { inFlight: 64, posts: 20_000, rounds: 6 },
};

/**
 * Smaller simulator workloads (half a million and a million polls), a fifth of the webhook
 * posts, fewer timed runs, and HTTP loads of half a second in 4 rounds (2 pairs), for CI. The
 * HTTP loads alone last 3 x (2 x 0.5 s + 4 x 2 x 0.5 s) = 15 s, and the rest is CPU-bound, so
 * that a quick run stays near a minute on 2 cores even while other work keeps them busy.
 */
export const QUICK: Profile = {
  name: 'quick',
  engine: { ...POLLING, consumers: 1000, durationMs: 500_000 },
  engineRounds: 6,
  large: { ...POLLING, consumers: 10_000, durationMs: 100_000 },
  largeSamples: 2,
  pushScale: { games: 2000, rounds: 2 },
  cliSamples: 3,
  npmSamples: 2,
  poll: { connections: 100, seconds: 0.5, warmUpSeconds: 0.5, rounds: 4 },
  conditional: { connections: 100, seconds: 0.5, warmUpSeconds: 0.5, rounds: 4 },
  receiver: { connections: 100, seconds: 0.5, warmUpSeconds: 0.5, rounds: 4 },
  webhook: { inFlight: 64, posts: 4000, rounds: 4 },
};
