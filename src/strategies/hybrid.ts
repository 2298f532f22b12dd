import type { ConsumerContext, PollResponse, StrategyProcess } from './effects.ts';
import { poll, spawn, subscribe } from './effects.ts';
import { FINAL_RETRIES, finished, takeResponse } from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';
import { handlePushes } from './webhook.ts';
import { webhookEmitter } from './webhook-emitter.ts';

/**
 * Webhooks for speed, plus a reconciliation poll with a cursor every so often for safety: a
 * push the emitter gave up on is picked up by the next poll, so no event is lost, and the
 * worst delay is about one reconciliation interval. Events that came both ways are dropped
 * the second time by their id.
 */
function* hybridConsumer(context: ConsumerContext): StrategyProcess {
  yield subscribe({ consumer: context.id, keys: context.keys });
  yield spawn(reconcile(context));
  yield* handlePushes(context);
}

/** Polls from a cursor every reconciliation interval, once more at or after the window ends. */
function* reconcile(context: ConsumerContext): StrategyProcess {
  const { windowStart, windowEnd, tuning } = context.settings;
  let at = windowStart + context.phase * tuning.reconcileMs;
  let cursor = 0;
  let retriesLeft = FINAL_RETRIES;

  for (;;) {
    const response = (yield poll(cursor, context.keys, at)) as PollResponse;
    cursor = takeResponse(context, response);
    if (finished(context, at, response, retriesLeft)) return;
    if (at >= windowEnd) retriesLeft--;
    at += tuning.reconcileMs;
  }
}

export const hybridStrategy: Strategy = {
  name: 'hybrid',
  description: 'webhooks plus a reconciliation poll with a cursor (--reconcile)',
  consumer: hybridConsumer,
  producer: webhookEmitter,
};
