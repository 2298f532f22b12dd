import type { IncomingMessage } from 'node:http';
import { Pool } from 'undici';
import type { RawData } from 'ws';
import { WebSocket } from 'ws';
import { SCENARIO_TIME_HEADER } from '../live/scenario-time.ts';
import {
  END_CLOSE_CODE,
  END_CLOSE_REASON,
  END_EVENT,
  LAST_EVENT_ID_PARAMETER,
  SSE_PATH,
  SseParser,
  WEBSOCKET_PATH,
} from '../live/stream-wire.ts';
import type { RunRecorder } from '../metrics/recorder.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { PushMessage } from '../model/producer.ts';
import type { ConnectEffect, ConnectResult } from '../strategies/effects.ts';
import type { ProcessClock } from './live-clock.ts';

/** The parts of a live run that its stream clients use. */
export interface StreamClientHost {
  /** Base URL of the producer's API, known once its process has started. */
  producerUrl(): string;
  readonly recorder: RunRecorder;
  /** Stops every connection when the run stops. */
  readonly signal: AbortSignal;
  /** Waits out one modelled one-way network delay and moves the process clock past it. */
  networkDelay(clock: ProcessClock): Promise<void>;
  /** Notes how late the real clock is for a request meant for scenario time `time`. */
  noteLate(time: number): void;
  /** Hands a message to the consumer's inbox, as the webhook receiver hands it a push. */
  queueMessage(consumer: number, message: PushMessage): void;
  /**
   * Marks the run busy while a stream is open, and idle again when it ends. The producer ends
   * each stream once it has nothing more to send, so a run with open streams is not over.
   */
  hold(): void;
  release(): void;
  /** Stops the run with an error, for a stream that breaks its wire format. */
  fail(error: unknown): void;
}

/** A connect to make: its effect, its consumer and the scenario time it reaches the producer. */
interface ConnectTarget {
  readonly effect: ConnectEffect;
  readonly consumer: number;
  readonly time: number;
}

const CLOSED: PushMessage = Object.freeze({ subscription: 0, events: [], closed: true });

/**
 * The consumers' side of the streams in a live run: it performs `connect` effects over real
 * connections to the producer, a Server-Sent Events request with undici or a WebSocket with
 * `ws`, and queues each event message in the consumer's inbox. A dropped connection ends with
 * a `closed` message; the producer's end-of-run marker ends a stream with none.
 */
export class LiveStreams {
  private pool: Pool | undefined;
  private readonly connections = new Set<StreamConnection>();

  constructor(private readonly host: StreamClientHost) {}

  /**
   * Opens a stream as the simulator does: the request reaches the producer one network delay
   * after it is sent, and the result reaches the consumer one delay later. Counts the connect
   * as a request, wasted unless the stream opened, and its arrival for the peaks.
   */
  async connect(
    effect: ConnectEffect,
    consumer: number,
    clock: ProcessClock,
  ): Promise<ConnectResult> {
    await this.host.networkDelay(clock);
    this.host.recorder.countArrival(clock.now);
    this.host.noteLate(clock.now);

    const target = { effect, consumer, time: clock.now };
    const result =
      effect.transport === 'sse' ? await this.openSse(target) : await this.openWebSocket(target);

    await this.host.networkDelay(clock);
    this.host.recorder.countRequest(result.state !== 'open');
    return result;
  }

  /** Cuts every open stream and closes the connections, for the end of the run. */
  async close(): Promise<void> {
    for (const connection of this.connections) connection.stop();
    this.connections.clear();
    await this.pool?.destroy();
  }

  private async openSse(target: ConnectTarget): Promise<ConnectResult> {
    this.pool ??= new Pool(this.host.producerUrl(), { bodyTimeout: 0 });
    const response = await this.pool.request({
      method: 'GET',
      path: `${SSE_PATH}?${streamQuery(target)}`,
      headers: {
        accept: 'text/event-stream',
        'last-event-id': String(target.effect.lastSeq),
        [SCENARIO_TIME_HEADER]: String(target.time),
      },
      signal: this.host.signal,
    });

    if (response.statusCode !== 200) {
      await response.body.dump();
      return refusedResult(response.statusCode, response.headers['retry-after']);
    }

    const body = response.body;
    const connection = this.track(target.consumer, () => body.destroy());
    const parser = new SseParser((message) => {
      if (message.type === END_EVENT) connection.finish();
      else if (message.type === 'message') connection.deliver(message.data);
    });

    body.on('data', (chunk: Buffer) => parser.push(chunk));
    body.on('end', () => connection.drop());
    // A cut connection ends the body with an error; for the client it is a drop like any other.
    body.on('error', () => connection.drop());
    return { state: 'open' };
  }

  private openWebSocket(target: ConnectTarget): Promise<ConnectResult> {
    const base = this.host.producerUrl().replace(/^http/, 'ws');
    const query = streamQuery(target);
    query.set(LAST_EVENT_ID_PARAMETER, String(target.effect.lastSeq));

    const socket = new WebSocket(`${base}${WEBSOCKET_PATH}?${query}`, {
      headers: { [SCENARIO_TIME_HEADER]: String(target.time) },
      perMessageDeflate: false,
    });
    const stopOnAbort = () => socket.terminate();
    this.host.signal.addEventListener('abort', stopOnAbort, { once: true });

    return new Promise((resolve, reject) => {
      let connection: StreamConnection | undefined;

      socket.once('open', () => {
        connection = this.track(target.consumer, () => socket.terminate());
        resolve({ state: 'open' });
      });
      socket.once('unexpected-response', (_request, response: IncomingMessage) => {
        resolve(refusedResult(response.statusCode ?? 0, response.headers['retry-after']));
        // Ending the handshake makes `ws` emit an error and a close, which change nothing now.
        socket.terminate();
      });
      socket.on('error', (error) => {
        if (connection === undefined) reject(error);
      });
      socket.on('message', (data: RawData) => connection?.deliver(textOf(data)));
      socket.once('close', (code: number, reason: Buffer) => {
        this.host.signal.removeEventListener('abort', stopOnAbort);
        if (code === END_CLOSE_CODE && reason.toString() === END_CLOSE_REASON) {
          connection?.finish();
        } else {
          connection?.drop();
        }
      });
    });
  }

  private track(consumer: number, stop: () => void): StreamConnection {
    const connection = new StreamConnection(this.host, consumer, stop, () =>
      this.connections.delete(connection),
    );
    this.connections.add(connection);
    return connection;
  }
}

/**
 * One open stream on the consumers' side. It keeps the run going from the connect until the
 * stream ends, and sends the consumer each event, then a `closed` message if the stream drops.
 */
class StreamConnection {
  private ended = false;

  constructor(
    private readonly host: StreamClientHost,
    private readonly consumer: number,
    private readonly cut: () => void,
    private readonly forget: () => void,
  ) {
    host.hold();
  }

  /** Queues the event that `data` carries. */
  deliver(data: string): void {
    if (this.ended) return;

    let event: ProducerEvent;
    try {
      event = parseEvent(data);
    } catch (error: unknown) {
      this.host.fail(error);
      this.stop();
      return;
    }

    this.host.queueMessage(this.consumer, { subscription: 0, events: [event] });
  }

  /** Ends the stream after a drop: the consumer gets a `closed` message and reconnects. */
  drop(): void {
    if (!this.end()) return;

    if (!this.host.signal.aborted) this.host.queueMessage(this.consumer, CLOSED);
    this.host.release();
  }

  /** Ends the stream at the producer's end-of-run marker, with no message to the consumer. */
  finish(): void {
    if (this.end()) this.host.release();
  }

  /** Cuts the connection without a message, because the run is stopping or failed. */
  stop(): void {
    this.ended = true;
    this.forget();
    this.cut();
  }

  /** Marks the stream ended; false when it had ended already. */
  private end(): boolean {
    if (this.ended) return false;

    this.ended = true;
    this.forget();
    return true;
  }
}

/** Builds the query that both transports send: the consumer's keys and its id. */
function streamQuery(target: ConnectTarget): URLSearchParams {
  const query = new URLSearchParams({ consumer: String(target.consumer) });
  // An empty list is sent as `keys=`, which the producer reads as no keys, not every key.
  if (target.effect.keys !== undefined) query.set('keys', target.effect.keys.join(','));
  return query;
}

/** Turns a refused connect into its result: 410 means gone, anything else failed. */
function refusedResult(status: number, retryAfter: string | string[] | undefined): ConnectResult {
  if (status === 410) return { state: 'gone' };
  const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  return { state: 'failed', status, retryAfter: header };
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Reads one event message, and raises an error naming the message when it is not an event. */
function parseEvent(data: string): ProducerEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    value = undefined;
  }

  if (isEvent(value)) return value;
  throw new Error(`a stream message is not an event with seq, time and key: ${data.slice(0, 200)}`);
}

function isEvent(value: unknown): value is ProducerEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(event.seq) &&
    typeof event.time === 'number' &&
    typeof event.key === 'string'
  );
}
