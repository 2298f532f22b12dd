import type { ProducerEvent } from '../model/event-log.ts';
import type {
  ConsumerContext,
  ProducerContext,
  PushMessage,
  StrategyProcess,
  Subscription,
} from './effects.ts';
import { deliver, nextEvent, receive, spawn, subscribe } from './effects.ts';
import type { Strategy } from './strategy.ts';

/** "Call me when he's warmed up": registers once, then handles each push as it arrives. */
function* webhookConsumer(context: ConsumerContext): StrategyProcess {
  yield subscribe({ consumer: context.id, keys: context.keys });

  for (;;) {
    const message = (yield receive()) as PushMessage;
    context.handle(message.events);
  }
}

/**
 * Sends each published event to every subscription that wants it, one delivery per event and
 * subscription. Each delivery runs as its own process, so a slow receiver delays only itself.
 */
function* webhookEmitter(context: ProducerContext): StrategyProcess {
  for (;;) {
    const event = (yield nextEvent()) as ProducerEvent | undefined;
    if (event === undefined) return;

    for (const subscription of context.subscribersFor(event)) {
      yield spawn(deliverOnce(subscription, event));
    }
  }
}

function* deliverOnce(subscription: Subscription, event: ProducerEvent): StrategyProcess {
  yield deliver(subscription, { subscription: subscription.id, events: [event] });
}

export const webhookStrategy: Strategy = {
  name: 'webhook',
  description: 'the producer posts each event to the consumer as it happens',
  consumer: webhookConsumer,
  producer: webhookEmitter,
};
