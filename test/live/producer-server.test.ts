import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { setTimeout as delay } from 'node:timers/promises';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import type { HttpServer } from '../../src/live/http-server.ts';
import { DEFAULT_BODY_LIMIT } from '../../src/live/http-server.ts';
import { SCENARIO_TIME_HEADER } from '../../src/live/producer-server.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { ProducerState } from '../../src/model/producer.ts';
import { createProducerState } from '../../src/model/producer.ts';
import { startTestProducer } from './helpers/servers.ts';

/** A loopback webhook URL with nothing listening on its port. */
const LOOPBACK_HOOK = 'http://127.0.0.1:1/x';

/** The producer's own clock, used when a poll carries no scenario time. */
const PRODUCER_NOW = 2500;

/** Creates events 1..4 at times 1000, 2000, 3000 and 4000, keyed a, b, a, b. */
function sampleState(): ProducerState {
  return createProducerState(
    new EventLog([
      { time: 1000, key: 'a' },
      { time: 2000, key: 'b' },
      { time: 3000, key: 'a' },
      { time: 4000, key: 'b' },
    ]),
  );
}

async function startProducer(
  allowRemote = false,
): Promise<{ server: HttpServer; state: ProducerState }> {
  const state = sampleState();
  const server = await startTestProducer({ state, now: () => PRODUCER_NOW, allowRemote });
  return { server, state };
}

interface PollBody {
  events: { seq: number }[];
  cursor: number;
}

interface ErrorBody {
  error: { code: string; message: string };
}

/** Polls `/events` with `query`, as of scenario time `time` when given. */
function poll(
  server: HttpServer,
  query: string,
  time?: number,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const timeHeader = time === undefined ? {} : { [SCENARIO_TIME_HEADER]: String(time) };
  return server.app.inject({
    method: 'GET',
    url: `/events?${query}`,
    headers: { ...timeHeader, ...headers },
  });
}

function seqsOf(response: LightMyRequestResponse): number[] {
  return response.json<PollBody>().events.map((event) => event.seq);
}

function subscribeWith(
  server: HttpServer,
  payload: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return server.app.inject(subscribeRequest(payload));
}

describe('producer polls', () => {
  it('shows an event at its time', async () => {
    const { server } = await startProducer();

    expect(seqsOf(await poll(server, 'cursor=0', 2000))).toEqual([1, 2]);
  });

  it('hides an event before its time', async () => {
    const { server } = await startProducer();

    expect(seqsOf(await poll(server, 'cursor=0', 1999))).toEqual([1]);
  });

  it('returns events after the cursor', async () => {
    const { server } = await startProducer();

    expect(seqsOf(await poll(server, 'cursor=1', 3000))).toEqual([2, 3]);
  });

  it('moves the cursor to the head', async () => {
    const { server } = await startProducer();

    expect((await poll(server, 'cursor=1', 3000)).json<PollBody>().cursor).toBe(3);
  });

  it('uses producer clock without header', async () => {
    const { server } = await startProducer();

    expect(seqsOf(await poll(server, 'cursor=0'))).toEqual([1, 2]);
  });

  it('filters by keys', async () => {
    const { server } = await startProducer();

    expect(seqsOf(await poll(server, 'cursor=0&keys=a', 4000))).toEqual([1, 3]);
  });

  it('moves a keyed cursor to head', async () => {
    const { server } = await startProducer();

    expect((await poll(server, 'cursor=0&keys=a', 4000)).json<PollBody>().cursor).toBe(4);
  });

  it('reads comma-separated keys', async () => {
    const { server } = await startProducer();

    expect(seqsOf(await poll(server, 'cursor=0&keys=a,b', 4000))).toEqual([1, 2, 3, 4]);
  });

  it('reads repeated keys parameters', async () => {
    const { server } = await startProducer();

    expect(seqsOf(await poll(server, 'cursor=0&keys=b&keys=a', 4000))).toEqual([1, 2, 3, 4]);
  });
});

describe('producer ETag', () => {
  it('sets ETag to the cursor', async () => {
    const { server } = await startProducer();

    expect((await poll(server, 'cursor=0', 2000)).headers.etag).toBe('"2"');
  });

  it('answers 304 when nothing new', async () => {
    const { server } = await startProducer();

    const response = await poll(server, 'cursor=2', 2999, { 'if-none-match': '"2"' });

    expect(response.statusCode).toBe(304);
  });

  it('sends no body with 304', async () => {
    const { server } = await startProducer();

    const response = await poll(server, 'cursor=2', 2999, { 'if-none-match': '"2"' });

    expect(response.body).toBe('');
  });

  it('answers 200 to a stale ETag', async () => {
    const { server } = await startProducer();

    const response = await poll(server, 'cursor=2', 3000, { 'if-none-match': '"2"' });

    expect(seqsOf(response)).toEqual([3]);
  });
});

describe('producer cursor checks', () => {
  it.each(['-1', '1.5', 'abc', '0x1', '1e3', ''])('rejects cursor %j', async (cursor) => {
    const { server } = await startProducer();

    const response = await poll(server, `cursor=${cursor}`, 4000);

    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.code).toBe('invalid_cursor');
  });
});

interface BadRequest {
  readonly name: string;
  readonly status: number;
  readonly code: string;
  readonly request: InjectOptions;
}

/** Requests the producer must reject, with the status and error code each one gets. */
const BAD_REQUESTS: readonly BadRequest[] = [
  {
    name: 'ftp URL',
    status: 400,
    code: 'invalid_url',
    request: subscribeRequest({ url: 'ftp://127.0.0.1/x' }),
  },
  {
    name: 'non-URL',
    status: 400,
    code: 'invalid_url',
    request: subscribeRequest({ url: 'not a url' }),
  },
  {
    name: 'missing URL',
    status: 400,
    code: 'invalid_url',
    request: subscribeRequest({ keys: ['a'] }),
  },
  {
    name: 'remote URL',
    status: 400,
    code: 'invalid_url',
    request: subscribeRequest({ url: 'http://example.com/x' }),
  },
  {
    name: 'keys as a string',
    status: 400,
    code: 'invalid_keys',
    request: subscribeRequest({ url: LOOPBACK_HOOK, keys: 'a' }),
  },
  {
    name: 'keys with a number',
    status: 400,
    code: 'invalid_keys',
    request: subscribeRequest({ url: LOOPBACK_HOOK, keys: ['a', 1] }),
  },
  {
    name: 'oversized body',
    status: 413,
    code: 'fst_err_ctp_body_too_large',
    request: subscribeRequest({ url: LOOPBACK_HOOK, padding: 'x'.repeat(DEFAULT_BODY_LIMIT) }),
  },
  {
    name: 'malformed JSON',
    status: 400,
    code: 'fst_err_ctp_invalid_json_body',
    request: { ...subscribeRequest({}), payload: '{"url": ' },
  },
  {
    name: 'unknown route',
    status: 404,
    code: 'not_found',
    request: { method: 'GET', url: '/nowhere' },
  },
  {
    name: 'bad cursor',
    status: 400,
    code: 'invalid_cursor',
    request: { method: 'GET', url: '/events?cursor=x' },
  },
];

function subscribeRequest(payload: Record<string, unknown>): InjectOptions {
  return {
    method: 'POST',
    url: '/subscriptions',
    payload: JSON.stringify(payload),
    headers: { 'content-type': 'application/json' },
  };
}

describe('producer rejections', () => {
  it.each(BAD_REQUESTS)('answers $status to $name', async ({ status, request }) => {
    const { server } = await startProducer();

    expect((await server.app.inject(request)).statusCode).toBe(status);
  });

  it.each(BAD_REQUESTS)('explains $name in JSON', async ({ request }) => {
    const { server } = await startProducer();

    const body = (await server.app.inject(request)).json<ErrorBody>();

    expect(Object.keys(body)).toEqual(['error']);
    expect(typeof body.error.code).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it.each(BAD_REQUESTS)('reports $code for $name', async ({ code, request }) => {
    const { server } = await startProducer();

    const body = (await server.app.inject(request)).json<ErrorBody>();

    expect(body.error.code).toBe(code);
  });

  it.each(BAD_REQUESTS)('stores no subscription for $name', async ({ request }) => {
    const { server, state } = await startProducer();

    await server.app.inject(request);

    expect(state.subscriptions).toEqual([]);
  });

  it('keeps serving after every rejection', async () => {
    const { server } = await startProducer();

    for (const { request } of BAD_REQUESTS) await server.app.inject(request);

    // A real request over the socket shows that the listener itself is still up.
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });
});

/** Loopback URLs in each host form: a name, an address in 127.0.0.0/8 and IPv6 ::1. */
const LOOPBACK_URLS = ['http://localhost:1/x', 'http://127.0.0.2/x', 'http://[::1]:1/x'];

describe('producer subscriptions', () => {
  it.each(LOOPBACK_URLS)('accepts loopback URL %s', async (url) => {
    const { server } = await startProducer();

    expect((await subscribeWith(server, { url })).statusCode).toBe(201);
  });

  it('returns the id and a secret', async () => {
    const { server } = await startProducer();

    const body = (await subscribeWith(server, { url: LOOPBACK_HOOK })).json();

    expect(body).toEqual({ id: 1, secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/) });
  });

  it('stores the given fields', async () => {
    const { server, state } = await startProducer();
    const request = {
      url: LOOPBACK_HOOK,
      keys: ['a'],
      consumer: 7,
      secret: `whsec_${Buffer.alloc(24, 7).toString('base64')}`,
    };

    await subscribeWith(server, request);

    expect(state.subscriptions).toEqual([
      { id: 1, consumer: 7, keys: new Set(['a']), url: request.url, secret: request.secret },
    ]);
  });

  it('rejects a secret too short', async () => {
    const { server } = await startProducer();
    const response = await subscribeWith(server, { url: LOOPBACK_HOOK, secret: 'whsec_AA==' });

    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.code).toBe('invalid_secret');
  });

  it('accepts remote URL when allowed', async () => {
    const { server } = await startProducer(true);

    expect((await subscribeWith(server, { url: 'http://example.com/x' })).statusCode).toBe(201);
  });

  it('contacts no remote URL', async () => {
    const { server } = await startProducer(true);
    let sockets = 0;
    const countSocket = () => {
      sockets++;
    };

    // Every outgoing TCP connection in this process publishes on this channel, and the mock
    // agent keeps any undici or fetch request from leaving the machine if one were made.
    const previous = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.disableNetConnect();
    setGlobalDispatcher(agent);
    subscribe('net.client.socket', countSocket);
    try {
      await subscribeWith(server, { url: 'http://example.com/x' });

      // The wait lets a connection started after the reply show up on the channel.
      await delay(50);
    } finally {
      unsubscribe('net.client.socket', countSocket);
      setGlobalDispatcher(previous);
      await agent.close();
    }

    expect(sockets).toBe(0);
  });
});
