import type { ConsumerContext, StrategyProcess } from './effects.ts';
import type { Strategy } from './strategy.ts';
import { streamConsumer } from './stream.ts';

/** Server-Sent Events: one long HTTP response carries each event; `Last-Event-ID` resumes it. */
function* sseConsumer(context: ConsumerContext): StrategyProcess {
  yield* streamConsumer('sse', context);
}

export const sseStrategy: Strategy = {
  name: 'sse',
  description: 'holds a Server-Sent Events stream open; resumes with Last-Event-ID',
  consumer: sseConsumer,
};
