import { hybridStrategy } from './hybrid.ts';
import { longPollStrategy } from './long-poll.ts';
import { pollStrategy } from './poll.ts';
import { pollAdaptiveStrategy } from './poll-adaptive.ts';
import { pollBackoffStrategy } from './poll-backoff.ts';
import { pollConditionalStrategy } from './poll-conditional.ts';
import { pollJitterStrategy } from './poll-jitter.ts';
import { sseStrategy } from './sse.ts';
import type { Strategy } from './strategy.ts';
import { webhookStrategy } from './webhook.ts';
import { websocketStrategy } from './websocket.ts';

/** Every strategy by the name used on the command line and in reports, in teaching order. */
export const STRATEGIES: ReadonlyMap<string, Strategy> = new Map(
  [
    pollStrategy,
    pollJitterStrategy,
    pollBackoffStrategy,
    pollAdaptiveStrategy,
    pollConditionalStrategy,
    longPollStrategy,
    sseStrategy,
    websocketStrategy,
    webhookStrategy,
    hybridStrategy,
  ].map((strategy) => [strategy.name, strategy]),
);

export function findStrategy(name: string): Strategy | undefined {
  return STRATEGIES.get(name);
}

export type { Strategy } from './strategy.ts';
