import { sample } from '../engine/distributions.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type {
  DeliveryResult,
  Effect,
  ProducerContext,
  PushMessage,
  StrategyProcess,
  Subscription,
} from './effects.ts';
import { deliver, nextEvent, sleepUntil, spawn } from './effects.ts';
import { parseRetryAfter } from './retry-after.ts';

/** Extra copies a misbehaving emitter may send of one push, on top of the original. */
const MAX_EXTRA_COPIES = 3;

/**
 * Which endpoints the emitter has given up on: one that answered 410 Gone, or one that has
 * failed without a single success for longer than the tuning allows.
 */
export class EndpointHealth {
  private readonly failingSince = new Map<number, number>();
  private readonly disabled = new Set<number>();

  constructor(private readonly disableAfterMs: number) {}

  isDisabled(subscription: Subscription): boolean {
    return this.disabled.has(subscription.id);
  }

  disable(subscription: Subscription): void {
    this.disabled.add(subscription.id);
  }

  succeeded(subscription: Subscription): void {
    this.failingSince.delete(subscription.id);
  }

  /** Notes a failure at `now`; disables the endpoint once it has failed for too long. */
  failed(subscription: Subscription, now: number): void {
    const since = this.failingSince.get(subscription.id);
    if (since === undefined) this.failingSince.set(subscription.id, now);
    else if (now - since >= this.disableAfterMs) this.disable(subscription);
  }
}

/**
 * Sends each published event to every subscription that wants it. Each push runs as its own
 * process, so a slow receiver delays only itself, and retries on the tuning's schedule.
 */
export function* webhookEmitter(context: ProducerContext): StrategyProcess {
  const health = new EndpointHealth(context.tuning.retry.disableAfterMs);

  for (;;) {
    const event = (yield nextEvent()) as ProducerEvent | undefined;
    if (event === undefined) return;

    for (const subscription of context.subscribersFor(event)) {
      if (health.isDisabled(subscription)) continue;
      const message: PushMessage = { subscription: subscription.id, events: [event] };

      yield spawn(deliverWithRetries(context, health, subscription, message));
      yield* spawnCopies(context, health, subscription, message);
    }
  }
}

/**
 * Tries a push, then retries after each wait of the schedule, moved by the jitter and never
 * sooner than a `Retry-After` the receiver sent. After the last retry the push is dropped.
 */
export function* deliverWithRetries(
  context: ProducerContext,
  health: EndpointHealth,
  subscription: Subscription,
  message: PushMessage,
): StrategyProcess {
  const { scheduleMs, jitter } = context.tuning.retry;

  for (let attempt = 0; ; attempt++) {
    if (health.isDisabled(subscription)) return;

    const result = (yield deliver(subscription, message, attempt)) as DeliveryResult;
    if (result.state === 'delivered') {
      health.succeeded(subscription);
      return;
    }

    if (result.status === 410) {
      health.disable(subscription);
      return;
    }

    health.failed(subscription, context.now());
    const wait = scheduleMs[attempt];
    if (wait === undefined) return;

    const spread = jitter === 0 ? 0 : jitter * (2 * context.random.next() - 1);
    const retryAfter = parseRetryAfter(result.retryAfter, context.now()) ?? 0;
    yield sleepUntil(context.now() + Math.max(wait * (1 + spread), retryAfter));
  }
}

/** A faulty emitter: sends up to three more copies of a push, each after a late delay. */
function* spawnCopies(
  context: ProducerContext,
  health: EndpointHealth,
  subscription: Subscription,
  message: PushMessage,
): Generator<Effect, void, unknown> {
  const { duplicateRate, lateCopy } = context.faults;
  if (duplicateRate === 0) return;

  for (let copy = 0; copy < MAX_EXTRA_COPIES; copy++) {
    if (context.random.next() >= duplicateRate) continue;

    const at = context.now() + Math.max(0, sample(lateCopy, context.random));
    yield spawn(lateDelivery(context, health, subscription, message, at));
  }
}

function* lateDelivery(
  context: ProducerContext,
  health: EndpointHealth,
  subscription: Subscription,
  message: PushMessage,
  at: number,
): StrategyProcess {
  yield sleepUntil(at);
  yield* deliverWithRetries(context, health, subscription, message);
}
