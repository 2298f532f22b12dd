import { Pool, request } from 'undici';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SCENARIO_TIME_HEADER } from '../../src/live/producer-server.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { PollResponse, ProducerState } from '../../src/model/producer.ts';
import { createProducerState, etagOf } from '../../src/model/producer.ts';
import { requestPoll } from '../../src/runtime/live-polls.ts';
import { buildTestWorld, MINUTE, SECOND } from '../runtime/worlds.ts';
import type { BothModes } from './helpers/poll-runs.ts';
import { countStatus, runBothModes } from './helpers/poll-runs.ts';
import { startTestProducer } from './helpers/servers.ts';

/** Events 1 and 2 at 1 s and 2 s; a poll at 2.5 s with cursor 2 has nothing new. */
function sampleState(): ProducerState {
  return createProducerState(new EventLog([{ time: 1_000 }, { time: 2_000 }]));
}

const QUIET_TIME = 2_500;

/** Real ms a test poll may take on loopback before it counts as timed out. */
const TEST_TIMEOUT_MS = 5_000;

async function startProducerPool(): Promise<{ url: string; pool: Pool }> {
  const server = await startTestProducer({ state: sampleState(), now: () => QUIET_TIME });
  const pool = new Pool(server.url);
  onTestFinished(() => pool.destroy());
  return { url: server.url, pool };
}

/** Polls with cursor 2 and `etag` at the quiet time, and returns the response. */
async function pollWith(pool: Pool, etag: string | undefined): Promise<PollResponse> {
  const outcome = await requestPoll(
    pool,
    { request: { cursor: 2, keys: undefined, etag }, consumer: 0, arrival: QUIET_TIME },
    { timeoutMs: TEST_TIMEOUT_MS, signal: new AbortController().signal },
  );
  if (outcome.kind !== 'response') throw new Error(`the poll got no response: ${outcome.kind}`);
  return outcome.response;
}

describe('conditional poll over HTTP', () => {
  it('gets 304 for a matching ETag', async () => {
    const { pool } = await startProducerPool();

    const response = await pollWith(pool, etagOf(2));

    expect(response.status).toBe(304);
  });

  it('reads a 304 as no events', async () => {
    const { pool } = await startProducerPool();

    const response = await pollWith(pool, etagOf(2));

    expect(response.events).toEqual([]);
  });

  it('keeps the cursor on 304', async () => {
    const { pool } = await startProducerPool();

    const response = await pollWith(pool, etagOf(2));

    expect(response.cursor).toBe(2);
  });

  it('gets 200 for a stale ETag', async () => {
    const { pool } = await startProducerPool();

    const response = await pollWith(pool, etagOf(1));

    expect(response.status).toBe(200);
  });

  it('sends 304 with no body', async () => {
    const { url } = await startProducerPool();

    const response = await request(`${url}/events?cursor=2`, {
      headers: { 'if-none-match': etagOf(2), [SCENARIO_TIME_HEADER]: String(QUIET_TIME) },
    });
    const body = await response.body.text();

    expect(response.statusCode).toBe(304);
    expect(body).toBe('');
  });
});

/**
 * Three events over a 10-minute window polled once a minute: most polls find nothing and get
 * a 304. At 600 times real speed the 11 scenario minutes with the set-up lead take 1.1 s.
 */
const WORLD = buildTestWorld(
  [{ time: 12 * MINUTE + 7 * SECOND }, { time: 13 * MINUTE }, { time: 16 * MINUTE + 30 * SECOND }],
  { start: 10 * MINUTE, end: 20 * MINUTE },
);

describe('poll-conditional in sim and live', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes(WORLD, { strategy: 'poll-conditional', timeScale: 600 });
    console.info(
      `poll-conditional: sim ${runs.sim.requests} requests, ${runs.sim.wastedRequests} wasted, ` +
        `${countStatus(runs.simPolls, 304)} 304s; live ${runs.live.requests} requests, ` +
        `${runs.live.wastedRequests} wasted, ${countStatus(runs.livePolls, 304)} 304s`,
    );
  }, 30_000);

  it('gets 304s in sim', () => {
    expect(countStatus(runs.simPolls, 304)).toBeGreaterThan(0);
  });

  it('gets as many 304s live', () => {
    expect(countStatus(runs.livePolls, 304)).toBe(countStatus(runs.simPolls, 304));
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });

  it('counts the same wasted requests', () => {
    expect(runs.live.wastedRequests).toBe(runs.sim.wastedRequests);
  });

  it('misses nothing live', () => {
    expect(runs.live.events.missed).toBe(0);
  });
});
