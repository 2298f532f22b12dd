import type { EventLog } from './event-log.ts';

/** One consumer as a scenario describes it. */
export interface ConsumerSpec {
  /** Event keys the consumer wants; leave it out to want every event. */
  readonly keys?: readonly string[];
}

/** A scenario's world, ready to run: the producer's log and who wants what. */
export interface World {
  readonly log: EventLog;
  readonly consumers: readonly ConsumerSpec[];
  /** When events can start, in ms since the Unix epoch; polling begins here. */
  readonly windowStart: number;
  /** When events stop; each polling consumer polls once at or after it, then stops. */
  readonly windowEnd: number;
}
