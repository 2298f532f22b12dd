import type { ConsumerContext, PollResponse, StrategyProcess } from './effects.ts';
import {
  FINAL_RETRIES,
  finished,
  firstPollTime,
  nextPollTime,
  takeResponse,
} from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls at the interval like `poll`, but conditionally: each poll sends the last `ETag` as
 * `If-None-Match`, and while nothing has changed the producer answers `304 Not Modified` with
 * no body. The request is still wasted, but cheaper for both sides.
 */
function* pollConditionalConsumer(context: ConsumerContext): StrategyProcess {
  const { windowEnd } = context.settings;
  let at = firstPollTime(context);
  let cursor = 0;
  let retriesLeft = FINAL_RETRIES;
  // No tag yet: the first poll asks for one without sending `If-None-Match`.
  let etag = '';

  for (;;) {
    const request = { type: 'poll', cursor, keys: context.keys, at, etag } as const;
    const response = (yield request) as PollResponse;
    cursor = takeResponse(context, response);
    if (response.etag !== undefined) etag = response.etag;

    if (finished(context, at, response, retriesLeft)) return;
    if (at >= windowEnd) retriesLeft--;
    at = nextPollTime(context, at);
  }
}

export const pollConditionalStrategy: Strategy = {
  name: 'poll-conditional',
  description: 'polls at the interval with If-None-Match; 304 when nothing changed',
  consumer: pollConditionalConsumer,
};
