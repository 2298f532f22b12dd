import { signatureHeaders } from '../src/live/signature.ts';
import type { ProducerEvent } from '../src/model/event-log.ts';
import { EventLog } from '../src/model/event-log.ts';
import type { PushMessage } from '../src/model/producer.ts';

/** Events in the producer's log during the poll benchmark. */
const LOG_EVENTS = 100;
const START = Date.UTC(2026, 0, 1);
const GAP_MS = 10_000;

/** Builds the small log that the producer serves: events 10 s apart, on two keys. */
export function buildLiveLog(): EventLog {
  const events = Array.from({ length: LOG_EVENTS }, (_, index) => ({
    time: START + index * GAP_MS,
    key: index % 2 === 0 ? 'home' : 'away',
    payload: { score: index },
  }));
  return new EventLog(events);
}

/** Returns the time of the newest event, the producer's clock at which every event is visible. */
export function newestTime(log: EventLog): number {
  return log.events[log.size - 1]?.time ?? START;
}

/**
 * The poll that most requests of a real run make: one from a consumer that already has every
 * event, so the response lists no events.
 */
export const POLL_PATH = `/events?cursor=${LOG_EVENTS}`;

/** The body and `ETag` that the producer sends for `POLL_PATH`, for the bare route to copy. */
export const POLL_BODY = JSON.stringify({ events: [], cursor: LOG_EVENTS });
export const POLL_ETAG = `"${LOG_EVENTS}"`;
export const JSON_TYPE = 'application/json; charset=utf-8';

/** The receiver path that both webhook clients post to. */
export const HOOK_PATH = '/hooks/1';

/** Returns the event that each webhook post carries: the first of the log. */
export function sampleEvent(): ProducerEvent {
  const event = buildLiveLog().events[0];
  if (event === undefined) throw new Error('the benchmark log has no events');
  return event;
}

/**
 * The signing secret of the receiver benchmark's one subscription. It is fixed so that the
 * receiver's process and the benchmark's agree on it without sending it.
 */
export const RECEIVER_SECRET = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;

/** The consumer that `HOOK_PATH` delivers to. */
export const HOOK_CONSUMER = 1;

/** A webhook post as the emitter sends it: the body bytes and the headers that sign them. */
export interface SignedPost {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Signs a message of one event with `RECEIVER_SECRET` at `timestamp` (Unix seconds), as
 * `WebhookSender.post` signs it. A receiver accepts it for 5 minutes either side of that time.
 */
export function signedPost(timestamp: number): SignedPost {
  const message: PushMessage = { subscription: HOOK_CONSUMER, events: [sampleEvent()] };
  const body = Buffer.from(JSON.stringify(message));
  const id = `msg_${HOOK_CONSUMER}_${sampleEvent().seq}`;

  return {
    body,
    headers: {
      ...signatureHeaders(RECEIVER_SECRET, id, timestamp, body),
      'content-type': 'application/json',
    },
  };
}
