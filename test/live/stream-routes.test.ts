import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { constant } from '../../src/engine/distributions.ts';
import { createStream } from '../../src/engine/random.ts';
import type { HttpServer } from '../../src/live/http-server.ts';
import { SCENARIO_TIME_HEADER } from '../../src/live/scenario-time.ts';
import { StreamHub } from '../../src/live/stream-hub.ts';
import type { SseMessage } from '../../src/live/stream-wire.ts';
import { END_CLOSE_CODE, END_CLOSE_REASON, SseParser } from '../../src/live/stream-wire.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { ProducerFaults } from '../../src/model/faults.ts';
import { createProducerState } from '../../src/model/producer.ts';
import { createAbortController, LiveClock, realNow } from '../../src/runtime/live-clock.ts';
import { faultsWith } from '../faults/fault-worlds.ts';
import { startTestProducer } from './helpers/servers.ts';

/**
 * The producer's scenario clock when a test starts: after the four events at 1000, 2000, 3000
 * and 4000 (keyed a, b, a, b). Nothing is left to happen, so the hub ends each stream right
 * after its replay, and a client reads the whole stream.
 */
const NOW = 5_000;

/** Starts a producer with streams that replay at most 2 missed events, and `producer` faults. */
async function startStreams(producer: Partial<ProducerFaults> = {}): Promise<HttpServer> {
  const state = createProducerState(
    new EventLog([
      { time: 1000, key: 'a' },
      { time: 2000, key: 'b' },
      { time: 3000, key: 'a' },
      { time: 4000, key: 'b' },
    ]),
  );
  const abort = createAbortController();
  const clock = new LiveClock(NOW, realNow(), 1, abort.signal);
  const hub = new StreamHub({
    state,
    faults: faultsWith({ producer: { replay: 2, ...producer } }),
    latency: constant(0),
    random: createStream(1, 'stream-routes'),
    now: () => clock.now(),
  });
  hub.start(clock);

  const server = await startTestProducer({ state, now: () => clock.now(), streams: hub });
  onTestFinished(() => abort.abort());
  return server;
}

interface SseReply {
  readonly status: number;
  readonly messages: SseMessage[];
  readonly body: string;
}

/** Reads a whole `GET /stream` response after `lastEventId`, with `query` added. */
async function readSse(server: HttpServer, lastEventId: string, query = ''): Promise<SseReply> {
  const response = await request(`${server.url}/stream?${query}`, {
    headers: { 'last-event-id': lastEventId, [SCENARIO_TIME_HEADER]: String(NOW) },
  });
  const body = await response.body.text();

  const messages: SseMessage[] = [];
  if (response.statusCode === 200) {
    new SseParser((message) => messages.push(message)).push(new TextEncoder().encode(body));
  }
  return { status: response.statusCode, messages, body };
}

interface WebSocketReply {
  readonly status: number;
  readonly messages: string[];
  readonly closeCode?: number;
  readonly closeReason?: string;
}

/** Opens `/ws` (or `path`) with `query` and reads until the producer closes or refuses it. */
function readWebSocket(server: HttpServer, query: string, path = '/ws'): Promise<WebSocketReply> {
  const url = `${server.url.replace(/^http/, 'ws')}${path}?${query}`;
  const socket = new WebSocket(url, { headers: { [SCENARIO_TIME_HEADER]: String(NOW) } });
  const messages: string[] = [];

  return new Promise((resolve, reject) => {
    socket.on('message', (data) => messages.push(String(data)));
    socket.once('close', (code, reason) => {
      resolve({ status: 101, messages, closeCode: code, closeReason: String(reason) });
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, messages });
      socket.terminate();
    });
    socket.on('error', (error) => {
      if (socket.readyState === socket.CONNECTING) reject(error);
    });
  });
}

function seqsOf(texts: readonly string[]): number[] {
  return texts.map((text) => (JSON.parse(text) as { seq: number }).seq);
}

describe('GET /stream', () => {
  it('replays events after the id', async () => {
    const reply = await readSse(await startStreams(), '2');
    const events = reply.messages.filter((message) => message.type === 'message');
    expect(seqsOf(events.map((message) => message.data))).toEqual([3, 4]);
  });

  it('sends each seq as the id', async () => {
    const reply = await readSse(await startStreams(), '2');
    expect(reply.messages.slice(0, 2).map((message) => message.id)).toEqual(['3', '4']);
  });

  it('ends with the end event', async () => {
    const reply = await readSse(await startStreams(), '2');
    expect(reply.messages.at(-1)?.type).toBe('end');
  });

  it('replays only the keys asked for', async () => {
    const reply = await readSse(await startStreams(), '2', 'keys=a');
    const events = reply.messages.filter((message) => message.type === 'message');
    expect(seqsOf(events.map((message) => message.data))).toEqual([3]);
  });

  it('answers 410 past the replay', async () => {
    expect((await readSse(await startStreams(), '1')).status).toBe(410);
  });

  it('names gone in the body', async () => {
    const reply = await readSse(await startStreams(), '1');
    expect(JSON.parse(reply.body).error.code).toBe('gone');
  });

  it('answers 503 during an outage', async () => {
    const server = await startStreams({ outage: [{ start: 0, end: 2 * NOW }] });
    expect((await readSse(server, '4')).status).toBe(503);
  });

  it('rejects an invalid id', async () => {
    const reply = await readSse(await startStreams(), '0x10');
    expect(JSON.parse(reply.body).error.code).toBe('invalid_last_event_id');
  });
});

describe('WebSocket /ws', () => {
  it('replays events after the id', async () => {
    const reply = await readWebSocket(await startStreams(), 'lastEventId=2');
    expect(seqsOf(reply.messages)).toEqual([3, 4]);
  });

  it('closes cleanly at the end', async () => {
    const reply = await readWebSocket(await startStreams(), 'lastEventId=2');
    expect(reply.closeCode).toBe(END_CLOSE_CODE);
  });

  it('gives the end-of-run reason', async () => {
    const reply = await readWebSocket(await startStreams(), 'lastEventId=2');
    expect(reply.closeReason).toBe(END_CLOSE_REASON);
  });

  it('replays only the keys asked for', async () => {
    const reply = await readWebSocket(await startStreams(), 'lastEventId=2&keys=b');
    expect(seqsOf(reply.messages)).toEqual([4]);
  });

  it('answers 410 past the replay', async () => {
    expect((await readWebSocket(await startStreams(), 'lastEventId=1')).status).toBe(410);
  });

  it('answers 503 during an outage', async () => {
    const server = await startStreams({ outage: [{ start: 0, end: 2 * NOW }] });
    expect((await readWebSocket(server, 'lastEventId=4')).status).toBe(503);
  });

  it('rejects an invalid consumer', async () => {
    const reply = await readWebSocket(await startStreams(), 'lastEventId=4&consumer=x');
    expect(reply.status).toBe(400);
  });

  it('answers 404 on other paths', async () => {
    expect((await readWebSocket(await startStreams(), '', '/events')).status).toBe(404);
  });
});
