import { pollStrategy } from './poll.ts';
import type { Strategy } from './strategy.ts';
import { webhookStrategy } from './webhook.ts';

/** Every strategy by the name used on the command line and in reports. */
export const STRATEGIES: ReadonlyMap<string, Strategy> = new Map(
  [pollStrategy, webhookStrategy].map((strategy) => [strategy.name, strategy]),
);

export function findStrategy(name: string): Strategy | undefined {
  return STRATEGIES.get(name);
}

export type { Strategy } from './strategy.ts';
