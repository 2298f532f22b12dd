import { Backoff, RECONNECT_BASE_MS } from './backoff.ts';
import type { ConsumerContext, PollResponse, StrategyProcess } from './effects.ts';
import { sleepUntil } from './effects.ts';
import { answered, FINAL_RETRIES, takeResponse } from './poll-schedule.ts';
import { parseRetryAfter } from './retry-after.ts';
import type { Strategy } from './strategy.ts';

/**
 * Long polling: each request asks for news after the cursor, and the producer holds it until
 * news comes or the hold runs out, so the answer arrives about when the event does. The client
 * asks again at once after every answer. After a failure it backs off, starting again from the
 * base when the connection had stayed open a while before it closed, as when a proxy cuts it:
 * only quick failures, such as refusals, say the producer is struggling. Requests per unit time
 * under Poisson events are λ / (1 − e^(−λτ)) for a hold τ.
 */
function* longPollConsumer(context: ConsumerContext): StrategyProcess {
  const { windowEnd, tuning } = context.settings;
  const backoff = new Backoff(tuning.backoff, context.random, RECONNECT_BASE_MS);
  let cursor = 0;
  let retriesLeft = FINAL_RETRIES;

  // Consumers start at random points of one hold, so their requests do not come back in step.
  yield sleepUntil(context.now() + context.phase * tuning.holdMs);

  for (;;) {
    const request = { type: 'poll', cursor, keys: context.keys, hold: tuning.holdMs } as const;
    const sentAt = context.now();
    const response = (yield request) as PollResponse;
    cursor = takeResponse(context, response);
    // Done once a request sent at or after the window's end gets a response. A response that
    // left the producer before the end, late on a slow network, may lack the last events.
    if (sentAt >= windowEnd) {
      if (answered(response) || retriesLeft <= 0) return;
      retriesLeft--;
    }

    if (response.status === 200 || response.status === 304) {
      backoff.reset();
      continue;
    }

    if (context.now() - sentAt >= RECONNECT_BASE_MS) backoff.reset();
    const wait = parseRetryAfter(response.retryAfter, context.now()) ?? backoff.next();
    yield sleepUntil(context.now() + wait);
  }
}

export const longPollStrategy: Strategy = {
  name: 'long-poll',
  description: 'asks for news and the producer holds the request until there is some (--hold)',
  consumer: longPollConsumer,
};
