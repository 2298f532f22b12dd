import type { ConsumerContext, StrategyProcess } from './effects.ts';
import { spawn, subscribe } from './effects.ts';
import { pollOnSchedule } from './poll-schedule.ts';
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
function reconcile(context: ConsumerContext): StrategyProcess {
  const { windowStart, tuning } = context.settings;
  const first = windowStart + context.phase * tuning.reconcileMs;
  return pollOnSchedule(context, first, (_response, at) => at + tuning.reconcileMs);
}

export const hybridStrategy: Strategy = {
  name: 'hybrid',
  description: 'webhooks plus a reconciliation poll with a cursor (--reconcile)',
  consumer: hybridConsumer,
  producer: webhookEmitter,
};
