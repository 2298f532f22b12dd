import type { ConsumerContext, PollEffect, PollResponse, StrategyProcess } from './effects.ts';
import { firstPollTime, nextPollTime, takeResponse } from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls on a schedule: "Is he warmed up yet?" Each poll requests the events after the cursor
 * of the last response. Poll times follow a schedule (each the previous plus one interval) rather
 * than the responses, so a slow response does not push every later poll back. A poll whose time
 * has passed when the previous response arrives goes out at once.
 */
function* pollConsumer(context: ConsumerContext): StrategyProcess {
  const { windowEnd } = context.settings;
  // One request object per consumer is updated before each poll, which interpreters read only
  // while the consumer waits for the response. Allocating a new one per poll, or keeping the poll
  // time or the response in the generator across a yield, left an object per consumer per
  // cycle to outlive the young generation. With 100,000 consumers that garbage doubled memory.
  // Every field a poll effect may have is set, even when unused, so the interpreter reads
  // one object shape on its hottest path.
  const request: MutablePoll = {
    type: 'poll',
    cursor: 0,
    keys: context.keys,
    etag: undefined,
    hold: undefined,
    at: firstPollTime(context),
  };

  for (;;) {
    request.cursor = takeResponse(context, (yield request) as PollResponse);

    if (request.at >= windowEnd) return;
    request.at = nextPollTime(context, request.at);
  }
}

/** A `PollEffect` whose fields the poll loop may change between polls. */
interface MutablePoll extends PollEffect {
  cursor: number;
  at: number;
}

export const pollStrategy: Strategy = {
  name: 'poll',
  description: 'asks the producer for news at a fixed interval',
  consumer: pollConsumer,
};
