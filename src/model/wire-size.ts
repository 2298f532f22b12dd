import type { ProducerEvent } from './event-log.ts';

/**
 * Modelled sizes on the wire, in bytes, headers included, for simulated runs. They are typical
 * HTTP/1.1 sizes for the requests this tool's live servers send and answer, rounded; live runs
 * count real bytes on the sockets instead. docs/metrics.md lists them.
 */
export const WIRE = {
  /** A `GET` with its request line, host, accept and connection headers. */
  request: 160,
  /** The extra `If-None-Match` header of a conditional poll. */
  conditional: 30,
  /** Status line and headers of a `200` JSON response, with its `ETag`. */
  responseHeaders: 180,
  /** The JSON around the events of a poll response: `{"events":[],"cursor":N}`. */
  pollEnvelope: 30,
  /** A `304 Not Modified`: status line and headers, no body. */
  notModified: 120,
  /** A `429` or `503` with `Retry-After` and a short JSON error. */
  refused: 200,
  /** A webhook `POST`: request line and headers, the three Standard Webhooks ones included. */
  pushHeaders: 330,
  /** The JSON around the events of a push. */
  pushEnvelope: 40,
  /** The receiver's `204` reply. */
  ack: 80,
  /** Opening a stream: the request and the response headers, or the WebSocket upgrade. */
  connect: 380,
  /** Per Server-Sent Event around its data: the `id:`, `data:` and blank lines. */
  sseFrame: 20,
  /** Per WebSocket message around its data: the frame header. */
  websocketFrame: 4,
} as const;

/**
 * Measures events as JSON once each, by sequence number, so a run pays for `JSON.stringify`
 * only on the first time an event goes on the wire.
 */
export class EventSizes {
  private readonly sizes: Float64Array;

  constructor(private readonly events: readonly ProducerEvent[]) {
    this.sizes = new Float64Array(events.length + 1);
  }

  /** Bytes of `events` as JSON, commas between them included. */
  of(events: readonly ProducerEvent[]): number {
    let total = Math.max(0, events.length - 1);

    for (const event of events) {
      let size = this.sizes[event.seq] as number;
      if (size === 0) {
        size = Buffer.byteLength(JSON.stringify(this.events[event.seq - 1] ?? event));
        this.sizes[event.seq] = size;
      }
      total += size;
    }

    return total;
  }
}
