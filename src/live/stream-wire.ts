import type { ProducerEvent } from '../model/event-log.ts';

/**
 * The wire format of the producer's streams, shared by the routes that write it and the live
 * consumers that read it. Each event goes out as its JSON: one Server-Sent Event with the
 * sequence number as its `id`, or one WebSocket text message.
 */

/** Path of the Server-Sent Events stream. */
export const SSE_PATH = '/stream';

/** Path of the WebSocket endpoint. */
export const WEBSOCKET_PATH = '/ws';

/**
 * Query parameter that carries the last event id on a WebSocket upgrade. Browsers cannot set
 * headers on a WebSocket, so it goes in the URL; Server-Sent Events use `Last-Event-ID`.
 */
export const LAST_EVENT_ID_PARAMETER = 'lastEventId';

/**
 * The SSE event type that ends a stream because the run is over: no further event will come.
 * A client must not take it for a drop, so it does not reconnect.
 */
export const END_EVENT = 'end';

/**
 * The WebSocket close code and reason that mean the same. The producer closes a WebSocket
 * cleanly only at the end of a run; a dropped one is cut without a close frame (1006).
 */
export const END_CLOSE_CODE = 1000;
export const END_CLOSE_REASON = 'end of run';

/** Formats one event as a Server-Sent Event: `id` and `data` lines and a blank line. */
export function formatSseEvent(event: ProducerEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Formats the Server-Sent Event that ends a stream at the end of the run. */
export function formatSseEnd(): string {
  return `event: ${END_EVENT}\ndata:\n\n`;
}

/** One Server-Sent Event as a client reads it. */
export interface SseMessage {
  /** The `event` field, `message` when absent. */
  readonly type: string;
  readonly data: string;
  readonly id: string | undefined;
}

/**
 * Reads a Server-Sent Events stream chunk by chunk, by the event-stream rules of the WHATWG
 * HTML standard. Lines end with CRLF, LF or CR, and a line that starts with `:` is a comment.
 * One space after a field's colon is dropped, and `data` lines join with LF. A blank line
 * dispatches the event, unless it has no `data` line. Retry hints (`retry`) are ignored.
 */
export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  /** True when the last chunk ended with CR, so an LF that starts the next one is skipped. */
  private afterCarriageReturn = false;
  private type = '';
  private data: string[] = [];
  private id: string | undefined;

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  /** Reads one chunk of the body and dispatches every event it completes. */
  push(chunk: Uint8Array): void {
    let text = this.decoder.decode(chunk, { stream: true });
    if (this.afterCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.afterCarriageReturn = text.endsWith('\r');
    this.buffer += text;

    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.readLine(line);
  }

  private readLine(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;

    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.type = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }

  private dispatch(): void {
    if (this.data.length > 0) {
      const type = this.type === '' ? 'message' : this.type;
      this.onMessage({ type, data: this.data.join('\n'), id: this.id });
    }

    this.type = '';
    this.data = [];
  }
}
