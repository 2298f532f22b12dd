import type { ConsumerContext, PollEffect, PollResponse, StrategyProcess } from './effects.ts';
import {
  answered,
  FINAL_RETRIES,
  firstPollTime,
  nextPollTime,
  takeResponse,
} from './poll-schedule.ts';
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
    retriesLeft: FINAL_RETRIES,
  };

  for (;;) {
    if (settle(context, request, (yield request) as PollResponse, windowEnd)) return;
    request.at = nextPollTime(context, request.at);
  }
}

/**
 * Takes a response and tells whether the poller is done: its poll was at or after the end of
 * the window and was answered, or it has no final retries left.
 */
function settle(
  context: ConsumerContext,
  request: MutablePoll,
  response: PollResponse,
  windowEnd: number,
): boolean {
  request.cursor = takeResponse(context, response);
  if (request.at < windowEnd) return false;
  return answered(response) || request.retriesLeft-- <= 0;
}

/** A `PollEffect` whose fields the poll loop may change between polls. */
interface MutablePoll extends PollEffect {
  cursor: number;
  at: number;
  /** Polls left after the window's end to retry a last poll that got no response. */
  retriesLeft: number;
}

export const pollStrategy: Strategy = {
  name: 'poll',
  description: 'asks the producer for news at a fixed interval',
  consumer: pollConsumer,
};
