import type { ConsumerContext, ProducerContext, StrategyProcess } from './effects.ts';

/**
 * A way for consumers to learn of news. `consumer` runs once per consumer; `producer`, when
 * present, is the producer's push side for this strategy and runs once per run.
 */
export interface Strategy {
  readonly name: string;
  /** One line for help text and docs. */
  readonly description: string;
  consumer(context: ConsumerContext): StrategyProcess;
  producer?(context: ProducerContext): StrategyProcess;
}
