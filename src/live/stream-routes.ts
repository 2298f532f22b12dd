import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { ConnectResult } from '../strategies/effects.ts';
import { sendError } from './http-server.ts';
import { parseCursor, parseKeys } from './poll-route.ts';
import { readScenarioTime, SCENARIO_TIME_HEADER } from './scenario-time.ts';
import type { StreamHub, StreamRequest, StreamSink } from './stream-hub.ts';
import {
  END_CLOSE_CODE,
  END_CLOSE_REASON,
  formatSseEnd,
  formatSseEvent,
  LAST_EVENT_ID_PARAMETER,
  SSE_PATH,
  WEBSOCKET_PATH,
} from './stream-wire.ts';

/** The parts of a stream request, as text, from headers or the query string. */
interface RequestParts {
  readonly lastEventId: string | string[] | undefined;
  readonly keys: string | string[] | undefined;
  readonly consumer: string | string[] | undefined;
  readonly time: string | string[] | undefined;
}

/** A stream request read from HTTP, or why it is invalid. */
type ReadResult =
  | { readonly ok: true; readonly request: StreamRequest }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** An HTTP error response that rejects a connect: status, JSON error body and extra headers. */
interface Rejection {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Registers the producer's streams on `app`. Both transports take the same request: the last
 * event id the client has (0 or absent before any), `keys=a,b` as for `GET /events`, and
 * `consumer=N`, the client's id. The `x-scenario-time` header sets when the request reaches
 * the producer.
 *
 * - `GET /stream`: Server-Sent Events (`text/event-stream`), resumed with `Last-Event-ID`.
 *   Each event is `id: <seq>` and `data: <event JSON>`; `event: end` closes the stream at the
 *   end of the run.
 * - `GET /ws` with an upgrade: a WebSocket, resumed with `?lastEventId=N`. Each event is one
 *   text message of its JSON; a clean close (1000, `end of run`) ends the run.
 *
 * A connect that cannot be served gets a JSON error instead of the stream: 400 for an invalid
 * request, 503 while the producer is down (a producer that is down cannot know when it will
 * be back, so it sends no `Retry-After`),
 * and 410 Gone with code `gone` when the producer no longer holds every event after the id.
 * A client then catches up with `GET /events?cursor=<id>` and reconnects. 410 rather than the
 * 204 that stops a browser's EventSource: the client must not stop, it must poll first.
 */
export function registerStreamRoutes(app: FastifyInstance, hub: StreamHub): void {
  app.get(SSE_PATH, (request, reply) => sseRoute(hub, request, reply));

  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    upgrade(hub, sockets, request, socket, head),
  );

  // Open streams keep the server from closing, so they are cut before it closes.
  app.addHook('preClose', (done) => {
    hub.close();
    sockets.close();
    done();
  });
}

function sseRoute(hub: StreamHub, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const query = request.query as { keys?: string | string[]; consumer?: string | string[] };
  const read = readStreamRequest(hub, {
    lastEventId: request.headers['last-event-id'],
    keys: query.keys,
    consumer: query.consumer,
    time: request.headers[SCENARIO_TIME_HEADER],
  });
  if (!read.ok) return sendError(reply, 400, read.code, read.message);

  const rejection = rejectionOf(hub.admit(read.request), read.request.lastSeq);
  if (rejection !== undefined) {
    reply.headers(rejection.headers);
    return sendError(reply, rejection.status, rejection.code, rejection.message);
  }

  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  response.flushHeaders();

  const stream = hub.attach(read.request, sseSink(response));
  response.once('close', () => hub.detach(stream));
  return reply;
}

function sseSink(response: ServerResponse): StreamSink {
  return {
    send: (event) => {
      if (!response.writableEnded) response.write(formatSseEvent(event));
    },
    finish: () => {
      if (!response.writableEnded) response.end(formatSseEnd());
    },
    cut: () => {
      response.destroy();
    },
  };
}

function upgrade(
  hub: StreamHub,
  sockets: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  // A connection that the client resets ends that client's stream only, so the socket closes.
  socket.on('error', () => socket.destroy());

  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WEBSOCKET_PATH) {
    const message = `no WebSocket endpoint at ${url.pathname}; use ${WEBSOCKET_PATH}`;
    rejectUpgrade(socket, { status: 404, code: 'not_found', message, headers: {} });
    return;
  }

  const keys = url.searchParams.getAll('keys');
  const read = readStreamRequest(hub, {
    lastEventId: url.searchParams.get(LAST_EVENT_ID_PARAMETER) ?? undefined,
    keys: keys.length === 0 ? undefined : keys,
    consumer: url.searchParams.get('consumer') ?? undefined,
    time: request.headers[SCENARIO_TIME_HEADER],
  });
  if (!read.ok) {
    rejectUpgrade(socket, { status: 400, code: read.code, message: read.message, headers: {} });
    return;
  }

  const rejection = rejectionOf(hub.admit(read.request), read.request.lastSeq);
  if (rejection !== undefined) {
    rejectUpgrade(socket, rejection);
    return;
  }

  sockets.handleUpgrade(request, socket, head, (websocket) => {
    // Protocol errors end in a 'close' event, which detaches the stream.
    websocket.on('error', () => websocket.terminate());
    const stream = hub.attach(read.request, websocketSink(websocket));
    websocket.once('close', () => hub.detach(stream));
  });
}

function websocketSink(websocket: WebSocket): StreamSink {
  return {
    send: (event) => {
      if (websocket.readyState === websocket.OPEN) websocket.send(JSON.stringify(event));
    },
    finish: () => websocket.close(END_CLOSE_CODE, END_CLOSE_REASON),
    cut: () => websocket.terminate(),
  };
}

/** Rejects an upgrade request with a plain HTTP error response instead of switching protocols. */
function rejectUpgrade(socket: Duplex, rejection: Rejection): void {
  const body = JSON.stringify({ error: { code: rejection.code, message: rejection.message } });
  const lines = [
    `HTTP/1.1 ${rejection.status} ${STATUS_CODES[rejection.status] ?? ''}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(rejection.headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** Returns the error response for a connect that `admit` did not open. */
function rejectionOf(result: ConnectResult, lastSeq: number): Rejection | undefined {
  switch (result.state) {
    case 'open':
      return undefined;
    case 'gone':
      return {
        status: 410,
        code: 'gone',
        message:
          `the producer no longer holds every event after id ${lastSeq}; ` +
          `poll GET /events?cursor=${lastSeq} to catch up, then reconnect`,
        headers: {},
      };
    case 'failed':
      return {
        status: result.status,
        code: 'unavailable',
        message: 'the producer is down; reconnect later',
        headers: result.retryAfter === undefined ? {} : { 'retry-after': result.retryAfter },
      };
  }
}

function readStreamRequest(hub: StreamHub, parts: RequestParts): ReadResult {
  const lastSeq = parseCursor(parts.lastEventId);
  if (lastSeq === undefined) {
    return {
      ok: false,
      code: 'invalid_last_event_id',
      message: `the last event id must be a whole number >= 0, got '${String(parts.lastEventId)}'`,
    };
  }

  const consumer = parseConsumer(parts.consumer);
  if (consumer === undefined) {
    return {
      ok: false,
      code: 'invalid_consumer',
      message: `consumer must be a whole number >= 0, got '${String(parts.consumer)}'`,
    };
  }

  return {
    ok: true,
    request: {
      consumer,
      keys: parseKeys(parts.keys),
      lastSeq,
      time: readScenarioTime(parts.time) ?? hub.now(),
    },
  };
}

/** Reads the client's id, or returns -1 (no consumer in particular) when it is absent. */
function parseConsumer(value: string | string[] | undefined): number | undefined {
  return value === undefined ? -1 : parseCursor(value);
}
