import autocannon from 'autocannon';
import { createProducerState } from '../model/producer.ts';
import type { World } from '../model/world.ts';
import { startProducerServer } from './producer-server.ts';

export interface PollLoadOptions {
  readonly world: World;
  /** Connections autocannon keeps open, one per polling consumer. */
  readonly connections: number;
  /** How long the load lasts, in real seconds. */
  readonly durationSeconds: number;
  /** Runs autocannon in worker threads so that it competes less with the server's thread. */
  readonly workers?: number;
}

/** Throughput and latency the producer sustained under polling load; latencies in real ms. */
export interface PollLoadResult {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly requests: number;
  readonly requestsPerSecond: { readonly mean: number; readonly min: number; readonly max: number };
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly errors: number;
  readonly non2xx: number;
  /** The request every connection repeats. */
  readonly path: string;
}

/**
 * Points autocannon at the producer's poll endpoint with one connection per consumer and
 * returns the throughput and latency the producer sustained. Each request is for the events
 * after the newest one, so it gets the empty response that most polls get in a real run.
 * Latency is measured closed-loop: a connection sends its next request only after the previous
 * response, so a stall delays later requests instead of showing as their latency.
 */
export async function runPollLoad(options: PollLoadOptions): Promise<PollLoadResult> {
  const state = createProducerState(options.world.log);
  const server = await startProducerServer({ state, now: () => options.world.windowEnd });
  const path = `/events?cursor=${options.world.log.size}`;

  try {
    const result = await autocannon({
      url: `${server.url}${path}`,
      connections: options.connections,
      duration: options.durationSeconds,
      workers: options.workers,
    });

    return {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      requests: result.requests.total,
      requestsPerSecond: {
        mean: result.requests.average,
        min: result.requests.min,
        max: result.requests.max,
      },
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      path,
    };
  } finally {
    await server.close();
  }
}
