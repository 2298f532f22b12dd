import type { ConsumerContext, StrategyProcess } from './effects.ts';
import type { Strategy } from './strategy.ts';
import { streamConsumer } from './stream.ts';

/** A WebSocket: the producer sends each event as a message; a reconnect names the last seen. */
function* websocketConsumer(context: ConsumerContext): StrategyProcess {
  yield* streamConsumer('websocket', context);
}

export const websocketStrategy: Strategy = {
  name: 'websocket',
  description: 'holds a WebSocket open; resumes from the last sequence number it saw',
  consumer: websocketConsumer,
};
