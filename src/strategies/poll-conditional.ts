import type { ConsumerContext, StrategyProcess } from './effects.ts';
import { firstPollTime, nextPollTime, pollOnSchedule } from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls at the interval like `poll`, but conditionally: each poll sends the last `ETag` as
 * `If-None-Match`, and while nothing has changed the producer answers `304 Not Modified` with
 * no body. The request is still wasted, but cheaper for both sides.
 */
function pollConditionalConsumer(context: ConsumerContext): StrategyProcess {
  return pollOnSchedule(
    context,
    firstPollTime(context),
    (_response, at) => nextPollTime(context, at),
    true,
  );
}

export const pollConditionalStrategy: Strategy = {
  name: 'poll-conditional',
  description: 'polls at the interval with If-None-Match; 304 when nothing changed',
  consumer: pollConditionalConsumer,
};
