import { PollVsPushError } from '../errors.ts';
import type { StrategyResult } from '../metrics/result.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { World } from '../model/world.ts';

/** The consumer id of entries that happen at the producer alone, such as a published event. */
export const PRODUCER_ID = -1;

/** The maximum number of entries a timeline keeps per strategy, so that it stays readable. */
export const TIMELINE_LIMIT = 2_000;

/**
 * The kind of a timeline entry. Consumer-side kinds: `poll`, `response`, `subscribe`,
 * `subscribed`, `connect`, `connected` and `message` (a push or stream message that reached
 * the consumer). Producer-side kinds: `event`, `held`, `push` and `push-result`.
 */
export type TimelineKind =
  | 'event'
  | 'poll'
  | 'held'
  | 'response'
  | 'subscribe'
  | 'subscribed'
  | 'connect'
  | 'connected'
  | 'push'
  | 'push-result'
  | 'message';

/** The facts of one entry. Each kind sets only the fields that apply to it. */
export interface TimelineDetail {
  /** HTTP status of a response or a push's reply; 0 when none came back in time. */
  readonly status?: number;
  /** Sequence numbers of the events a message carries. */
  readonly events?: readonly number[];
  /** The key of a published event. */
  readonly key?: string;
  /** How long a long poll asks the producer to hold it, in ms. */
  readonly hold?: number;
  /** True for a conditional poll, one that sends an ETag. */
  readonly conditional?: boolean;
  /** Retry number of a push: 0 for the first attempt. */
  readonly attempt?: number;
  /** Transport of a stream: `sse` or `websocket`. */
  readonly transport?: string;
  /** Outcome of a stream's opening: `open`, `gone` or `failed`. */
  readonly state?: string;
  /** True for the message that tells a consumer its stream closed. */
  readonly closed?: boolean;
}

/** One message of a simulated run, at the scenario time it happened. */
export interface TimelineEntry {
  /** Scenario time, in ms since the Unix epoch. */
  readonly time: number;
  /** The consumer the message goes to or comes from, or `PRODUCER_ID`. */
  readonly consumer: number;
  readonly strategy: string;
  readonly kind: TimelineKind;
  readonly detail: TimelineDetail;
}

/** The first `TIMELINE_LIMIT` entries of one strategy's run, and how many were left out. */
export interface StrategyTimeline {
  readonly strategy: string;
  readonly entries: readonly TimelineEntry[];
  readonly omitted: number;
}

/**
 * Runs `simulateWith` with an observer and returns its result with the timeline: the
 * simulator's entries merged with each event the world publishes, cut at `TIMELINE_LIMIT`.
 */
export function recordTimeline(
  world: World,
  strategy: string,
  simulateWith: (observe: (entry: TimelineEntry) => void) => StrategyResult,
): { result: StrategyResult; timeline: StrategyTimeline } {
  const collector = new TimelineCollector(world, strategy);
  const result = simulateWith(collector.observe);
  return { result, timeline: collector.finish() };
}

/**
 * Keeps the first `TIMELINE_LIMIT` entries of a run that an observer passes it, of every
 * consumer or of one. `finish` merges in the world's events: all of them, or those the one
 * consumer wants.
 */
export class TimelineCollector {
  private readonly kept: TimelineEntry[] = [];
  private seen = 0;

  constructor(
    private readonly world: World,
    private readonly strategy: string,
    /** The consumer whose messages to keep; every consumer's when absent. */
    private readonly consumer?: number,
  ) {}

  readonly observe = (entry: TimelineEntry): void => {
    if (this.consumer !== undefined && entry.consumer !== this.consumer) return;
    this.seen++;
    if (this.kept.length < TIMELINE_LIMIT) this.kept.push(entry);
  };

  finish(): StrategyTimeline {
    const events = this.wantedEvents();
    const entries = mergeEvents(events, this.strategy, this.kept);
    const omitted = this.seen + events.length - entries.length;
    return { strategy: this.strategy, entries, omitted };
  }

  private wantedEvents(): readonly ProducerEvent[] {
    const all = this.world.log.events;
    if (this.consumer === undefined) return all;

    const keys = this.world.consumers[this.consumer]?.keys;
    if (keys === undefined) return all;
    const wanted = new Set(keys);
    return all.filter((event) => wanted.has(event.key));
  }
}

/**
 * Merges `events` into `entries`, each event before the messages of the same millisecond, and
 * keeps the first `TIMELINE_LIMIT`. The simulator notes entries in time order.
 */
function mergeEvents(
  events: readonly ProducerEvent[],
  strategy: string,
  entries: readonly TimelineEntry[],
): TimelineEntry[] {
  const merged: TimelineEntry[] = [];
  let next = 0;

  for (const entry of entries) {
    while (merged.length < TIMELINE_LIMIT && (events[next]?.time ?? Infinity) <= entry.time) {
      merged.push(eventEntry(strategy, events[next++]!));
    }
    if (merged.length >= TIMELINE_LIMIT) return merged;
    merged.push(entry);
  }

  while (merged.length < TIMELINE_LIMIT && next < events.length) {
    merged.push(eventEntry(strategy, events[next++]!));
  }
  return merged;
}

function eventEntry(
  strategy: string,
  event: { readonly seq: number; readonly time: number; readonly key: string },
): TimelineEntry {
  return {
    time: event.time,
    consumer: PRODUCER_ID,
    strategy,
    kind: 'event',
    detail: { events: [event.seq], key: event.key },
  };
}

/** The options a timeline cannot go with, as the command line gives them. */
export interface TimelineConflicts {
  readonly mode?: string | undefined;
  readonly compare?: boolean | undefined;
  readonly load?: boolean | undefined;
  readonly sweep?: string | undefined;
  /** The output format: a timeline prints under the table or goes into the JSON. */
  readonly format?: string | undefined;
}

/** Rejects a timeline for anything but one simulated run printed as a table or JSON. */
export function checkTimelineRequest(options: TimelineConflicts): void {
  const { format } = options;
  if (format === 'csv' || format === 'markdown') {
    throw new PollVsPushError(
      'PVP_CONFLICTING_OPTIONS',
      `--timeline prints under the table or into --json, not with --${format}; drop one of them`,
    );
  }

  let other: string | undefined;
  if (options.mode === 'live') other = '--mode live';
  else if (options.compare === true) other = '--compare';
  else if (options.load === true) other = '--load';
  else if (options.sweep !== undefined) other = '--sweep';
  if (other === undefined) return;

  throw new PollVsPushError(
    'PVP_CONFLICTING_OPTIONS',
    `--timeline records one simulated run and does not go with ${other}; drop one of them`,
  );
}
