import type { ConsumerContext, PollResponse, StrategyProcess } from './effects.ts';
import { poll } from './effects.ts';
import {
  drawInterval,
  FINAL_RETRIES,
  finished,
  firstPollTime,
  meanInterval,
  takeResponse,
} from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls on a schedule whose every interval is moved by a uniform share of itself, up to the
 * `jitter` fraction either way. Pollers that started together drift apart, so they stop
 * arriving in one burst; the price is a slightly longer mean delay, E[X²] / (2 E[X]). The
 * first poll moves too, forward only, so that pollers aligned to the clock spread from the start.
 */
function* pollJitterConsumer(context: ConsumerContext): StrategyProcess {
  const { windowEnd, tuning } = context.settings;
  let at = firstPollTime(context) + context.random.next() * tuning.jitter * meanInterval(context);
  let cursor = 0;
  let retriesLeft = FINAL_RETRIES;

  for (;;) {
    const response = (yield poll(cursor, context.keys, at)) as PollResponse;
    cursor = takeResponse(context, response);
    if (finished(context, at, response, retriesLeft)) return;
    if (at >= windowEnd) retriesLeft--;

    const spread = tuning.jitter * (2 * context.random.next() - 1);
    at += drawInterval(context) * (1 + spread);
  }
}

export const pollJitterStrategy: Strategy = {
  name: 'poll-jitter',
  description: 'polls at the interval moved by a random share of it (--jitter)',
  consumer: pollJitterConsumer,
};
