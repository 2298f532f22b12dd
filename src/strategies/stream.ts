import type { ProducerEvent } from '../model/event-log.ts';
import { Backoff, RECONNECT_BASE_MS } from './backoff.ts';
import type {
  ConnectEffect,
  ConnectResult,
  ConsumerContext,
  Effect,
  PollResponse,
  PushMessage,
  StrategyProcess,
} from './effects.ts';
import { connect, poll, receive, sleepUntil } from './effects.ts';
import { parseRetryAfter } from './retry-after.ts';

/**
 * A consumer of a stream (Server-Sent Events or a WebSocket): it opens a connection and handles
 * each event as it comes. When the connection drops it reconnects with the last event id it
 * saw, so the producer replays what it missed. When the producer no longer holds those events
 * the client catches up with one ordinary poll from the same id, then opens the stream again.
 */
export function* streamConsumer(
  transport: ConnectEffect['transport'],
  context: ConsumerContext,
): StrategyProcess {
  const { windowEnd, tuning } = context.settings;
  const backoff = new Backoff(tuning.backoff, context.random, RECONNECT_BASE_MS);
  let lastSeq = 0;
  let wasGone = false;

  yield sleepUntil(context.now() + context.phase * RECONNECT_BASE_MS);

  for (;;) {
    const result = (yield connect(transport, lastSeq, context.keys)) as ConnectResult;

    if (result.state === 'open') {
      backoff.reset();
      lastSeq = yield* readStream(context, lastSeq);
    } else if (result.state === 'gone') {
      lastSeq = yield* catchUp(context, lastSeq);
      // A second `gone` in a row means events come faster than a poll and a reconnect take,
      // so the client waits before it tries again instead of looping.
      if (!wasGone) {
        wasGone = true;
        continue;
      }
    }

    wasGone = result.state === 'gone';

    if (context.now() >= windowEnd) return;
    const retryAfter = result.state === 'failed' ? result.retryAfter : undefined;
    const wait = parseRetryAfter(retryAfter, context.now()) ?? backoff.next();
    yield sleepUntil(context.now() + wait);
  }
}

/** Handles messages until the connection closes; returns the last event id seen. */
function* readStream(context: ConsumerContext, from: number): Generator<Effect, number, unknown> {
  let lastSeq = from;

  for (;;) {
    const message = (yield receive()) as PushMessage;
    if (message.closed === true) return lastSeq;

    context.handle(message.events);
    lastSeq = Math.max(lastSeq, lastSeqOf(message.events));
  }
}

/** Polls once from `lastSeq`; returns the cursor to resume the stream from. */
function* catchUp(context: ConsumerContext, lastSeq: number): Generator<Effect, number, unknown> {
  const response = (yield poll(lastSeq, context.keys)) as PollResponse;
  context.handle(response.events);
  return response.status === 200 ? response.cursor : lastSeq;
}

function lastSeqOf(events: readonly ProducerEvent[]): number {
  return events.length === 0 ? 0 : (events[events.length - 1] as ProducerEvent).seq;
}
