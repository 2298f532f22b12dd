import type { ConsumerContext, Effect, PushMessage, StrategyProcess } from './effects.ts';
import { receive, subscribe } from './effects.ts';
import type { Strategy } from './strategy.ts';
import { webhookEmitter } from './webhook-emitter.ts';

/** "Call me when he's warmed up": registers once, then handles each push as it arrives. */
export function* webhookConsumer(context: ConsumerContext): StrategyProcess {
  yield subscribe({ consumer: context.id, keys: context.keys });
  yield* handlePushes(context);
}

/** Handles each push for as long as the run lasts. */
export function* handlePushes(context: ConsumerContext): Generator<Effect, never, unknown> {
  for (;;) {
    const message = (yield receive()) as PushMessage;
    context.handle(message.events);
  }
}

export const webhookStrategy: Strategy = {
  name: 'webhook',
  description: 'the producer posts each event to the consumer as it happens, with retries',
  consumer: webhookConsumer,
  producer: webhookEmitter,
};
