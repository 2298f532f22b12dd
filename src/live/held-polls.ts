import type { EventLog } from '../model/event-log.ts';
import type { Faults } from '../model/faults.ts';
import type { PollRequest } from '../model/producer.ts';

/**
 * How a held long poll ends, and at what scenario time: `news` responds with the events that
 * became visible, `expire` responds with an empty 200 when the hold runs out, `cut` is the
 * proxy closing the idle connection, and `outage` is the producer going down.
 */
export interface HoldEnd {
  readonly time: number;
  readonly reason: 'news' | 'expire' | 'cut' | 'outage';
}

/**
 * Returns when and how a long poll that found nothing at `arrival` ends if no news comes. It
 * ends at the end of its hold, unless the proxy's idle limit (`idleCutMs`, when not longer
 * than the hold) or the start of an outage comes first. An outage wins a tie.
 */
export function holdEnd(arrival: number, holdMs: number, faults: Faults): HoldEnd {
  let end: HoldEnd = { time: arrival + holdMs, reason: 'expire' };

  const cutMs = faults.idleCutMs;
  if (cutMs !== undefined && cutMs <= holdMs) end = { time: arrival + cutMs, reason: 'cut' };

  for (const outage of faults.producer.outage) {
    if (outage.start > arrival && outage.start <= end.time) {
      end = { time: outage.start, reason: 'outage' };
    }
  }
  return end;
}

/**
 * Plans a held long poll: it ends with news at the time of the first event for its keys after
 * `arrival`, unless the hold ends first. News wins a tie with the hold's end or a cut, and loses
 * one with an outage, which is the order in which the simulator runs them.
 */
export function planHold(
  log: EventLog,
  request: PollRequest,
  arrival: number,
  faults: Faults,
): HoldEnd {
  const end = holdEnd(arrival, request.hold ?? 0, faults);
  const news = firstNewsTime(log, request.keys, arrival, end.time);
  if (news === undefined) return end;

  const newsFirst = news < end.time || (news === end.time && end.reason !== 'outage');
  return newsFirst ? { time: news, reason: 'news' } : end;
}

/** Returns the time of the first event for `keys` after `after` and at or before `until`. */
function firstNewsTime(
  log: EventLog,
  keys: readonly string[] | undefined,
  after: number,
  until: number,
): number | undefined {
  const head = log.headAt(after);
  if (keys === undefined) {
    const next = log.events[head];
    return next !== undefined && next.time <= until ? next.time : undefined;
  }

  return log.between(head, log.headAt(until), keys)[0]?.time;
}

/** A long poll that the producer's API keeps open. */
export interface HeldPoll {
  readonly request: PollRequest;
  /** The scenario time at which the request reached the producer. */
  readonly arrival: number;
  /** Sends the response as of scenario time `time`. */
  respond(time: number): void;
  /** Closes the connection without a response, as a proxy or a crashed producer does. */
  cut(): void;
}

/** The producer's clock as held polls need it. */
export interface HoldClock {
  /** Real ms from now until the producer's clock reads scenario time `time`; 0 once past. */
  realDelayUntil(time: number): number;
  /** Notes how late the real clock is for work meant to run at scenario time `time`. */
  noteLate(time: number): void;
}

/**
 * The long polls that the producer's API keeps open in a live run. Each held poll gets one
 * timer, set for the scenario time at which the simulator would end it (see `planHold`).
 * Planning the end up front, rather than racing an event's timer against a cut's timer, keeps
 * the outcome of a tie the same in every run.
 */
export class HeldPolls {
  private readonly timers = new Map<HeldPoll, NodeJS.Timeout>();
  private cutCount = 0;

  constructor(
    private readonly log: EventLog,
    private readonly faults: Faults,
    private readonly clock: HoldClock,
  ) {}

  /** Connections cut by the proxy's idle limit or by an outage. */
  get cuts(): number {
    return this.cutCount;
  }

  /** Requests held right now. */
  get size(): number {
    return this.timers.size;
  }

  /** Holds `poll` until its planned end; call the returned function if the client goes away. */
  hold(poll: HeldPoll): () => void {
    const end = planHold(this.log, poll.request, poll.arrival, this.faults);
    const timer = setTimeout(() => this.finish(poll, end), this.clock.realDelayUntil(end.time));
    this.timers.set(poll, timer);

    return () => this.release(poll);
  }

  /** Cuts every held connection without counting it, for when the producer stops. */
  close(): void {
    for (const [poll, timer] of this.timers) {
      clearTimeout(timer);
      poll.cut();
    }
    this.timers.clear();
  }

  private finish(poll: HeldPoll, end: HoldEnd): void {
    this.timers.delete(poll);
    this.clock.noteLate(end.time);

    if (end.reason === 'news' || end.reason === 'expire') {
      poll.respond(end.time);
      return;
    }

    this.cutCount++;
    poll.cut();
  }

  private release(poll: HeldPoll): void {
    clearTimeout(this.timers.get(poll));
    this.timers.delete(poll);
  }
}
