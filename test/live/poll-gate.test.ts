import type { LightMyRequestResponse } from 'fastify';
import { Pool } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { HoldClock } from '../../src/live/held-polls.ts';
import { HeldPolls } from '../../src/live/held-polls.ts';
import type { HttpServer } from '../../src/live/http-server.ts';
import { SCENARIO_TIME_HEADER } from '../../src/live/producer-server.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { Faults, ProducerFaults } from '../../src/model/faults.ts';
import { NO_FAULTS } from '../../src/model/faults.ts';
import { createProducerState } from '../../src/model/producer.ts';
import { ProducerGate } from '../../src/model/producer-gate.ts';
import type { PollOutcome } from '../../src/runtime/live-polls.ts';
import { requestPoll } from '../../src/runtime/live-polls.ts';
import { startTestProducer } from './helpers/servers.ts';

/** The scenario time of every test poll; the one event, at 1 s, is visible by then. */
const NOW = 2_000;

/** One request per consumer per minute, and a 60 s ban for the next. */
const RATE_LIMIT: Partial<ProducerFaults> = { rateLimit: 1, retryAfterMs: 60_000 };

/** Real ms a test poll may take on loopback before it counts as timed out. */
const TEST_TIMEOUT_MS = 5_000;

interface ErrorBody {
  error: { code: string; message: string };
}

async function startGatedProducer(producer: Partial<ProducerFaults>): Promise<HttpServer> {
  const faults: Faults = { ...NO_FAULTS, producer: { ...NO_FAULTS.producer, ...producer } };
  return startTestProducer({
    state: createProducerState(new EventLog([{ time: 1_000 }])),
    now: () => NOW,
    gate: new ProducerGate(faults.producer),
  });
}

function poll(server: HttpServer, query: string): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'GET',
    url: `/events?${query}`,
    headers: { [SCENARIO_TIME_HEADER]: String(NOW) },
  });
}

/** Polls twice as consumer 0 and returns the second response, which the limit turns away. */
async function pollOverLimit(server: HttpServer): Promise<LightMyRequestResponse> {
  await poll(server, 'consumer=0');
  return poll(server, 'consumer=0');
}

function pollOverHttp(server: HttpServer, consumer: number, hold?: number): Promise<PollOutcome> {
  const pool = new Pool(server.url);
  onTestFinished(() => pool.destroy());

  return requestPoll(
    pool,
    { request: { cursor: 1, keys: undefined, hold }, consumer, arrival: NOW },
    { timeoutMs: TEST_TIMEOUT_MS, signal: new AbortController().signal },
  );
}

async function responseOf(outcome: Promise<PollOutcome>) {
  const settled = await outcome;
  if (settled.kind !== 'response') throw new Error(`the poll got no response: ${settled.kind}`);
  return settled.response;
}

describe('rate-limited poll route', () => {
  it('lets the first poll through', async () => {
    const server = await startGatedProducer(RATE_LIMIT);

    expect((await poll(server, 'consumer=0')).statusCode).toBe(200);
  });

  it('returns 429 over the limit', async () => {
    const server = await startGatedProducer(RATE_LIMIT);

    expect((await pollOverLimit(server)).statusCode).toBe(429);
  });

  it('sends Retry-After in seconds', async () => {
    const server = await startGatedProducer(RATE_LIMIT);

    expect((await pollOverLimit(server)).headers['retry-after']).toBe('60');
  });

  it('sends Retry-After as a date', async () => {
    const server = await startGatedProducer({ ...RATE_LIMIT, retryAfterForm: 'date' });

    // The ban ends at 62 s after the epoch: 2 s now plus 60 s, in whole seconds.
    expect((await pollOverLimit(server)).headers['retry-after']).toBe(
      'Thu, 01 Jan 1970 00:01:02 GMT',
    );
  });

  it('explains the 429 in JSON', async () => {
    const server = await startGatedProducer(RATE_LIMIT);

    const body = (await pollOverLimit(server)).json<ErrorBody>();

    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toContain('consumer 0');
  });

  it('limits each consumer apart', async () => {
    const server = await startGatedProducer(RATE_LIMIT);

    await pollOverLimit(server);

    expect((await poll(server, 'consumer=1')).statusCode).toBe(200);
  });

  it('reads Retry-After into the response', async () => {
    const server = await startGatedProducer(RATE_LIMIT);

    await poll(server, 'consumer=0');
    const response = await responseOf(pollOverHttp(server, 0));

    expect(response.status).toBe(429);
    expect(response.retryAfter).toBe('60');
  });
});

describe('poll route in an outage', () => {
  const outage = { outage: [{ start: 0, end: 10_000 }] };

  it('returns 503 during an outage', async () => {
    const server = await startGatedProducer(outage);

    expect((await poll(server, 'consumer=0')).statusCode).toBe(503);
  });

  it('explains the 503 in JSON', async () => {
    const server = await startGatedProducer(outage);

    expect((await poll(server, 'consumer=0')).json<ErrorBody>().error.code).toBe('unavailable');
  });
});

describe('poll route interval hint', () => {
  const hint = { pollIntervalHintMs: 30_000 };

  it('sends X-Poll-Interval in seconds', async () => {
    const server = await startGatedProducer(hint);

    expect((await poll(server, 'consumer=0')).headers['x-poll-interval']).toBe('30');
  });

  it('reads X-Poll-Interval into the response', async () => {
    const server = await startGatedProducer(hint);

    expect((await responseOf(pollOverHttp(server, 0))).pollInterval).toBe('30');
  });
});

describe('poll route query checks', () => {
  it.each(['consumer=-1', 'consumer=x', 'hold=1.5', 'hold='])('rejects %s', async (query) => {
    const server = await startGatedProducer({});

    const response = await poll(server, query);
    const name = query.split('=')[0];

    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.code).toBe(`invalid_${name}`);
  });
});

/** A clock on which every planned end is already due. */
const DUE_NOW: HoldClock = { realDelayUntil: () => 0, noteLate: () => {} };

describe('held poll cut by the proxy', () => {
  it('reads as a closed connection', async () => {
    const faults: Faults = { ...NO_FAULTS, idleCutMs: 60_000 };
    const state = createProducerState(new EventLog([{ time: 1_000 }]));
    const heldPolls = new HeldPolls(state.log, faults, DUE_NOW);
    const server = await startTestProducer({ state, now: () => NOW, heldPolls });

    const outcome = await pollOverHttp(server, 0, 120_000);

    expect(outcome.kind).toBe('closed');
    expect(heldPolls.cuts).toBe(1);
  });
});
