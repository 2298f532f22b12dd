import type { Distribution } from '../engine/distributions.ts';
import { sample } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { Faults } from '../model/faults.ts';
import { KeyIndex } from '../model/key-index.ts';
import type { ProducerState } from '../model/producer.ts';
import { ProducerGate } from '../model/producer-gate.ts';
import type { LiveClock } from '../runtime/live-clock.ts';
import type { ConnectResult } from '../strategies/effects.ts';
import type { TimedTask } from './scenario-timers.ts';
import { ScenarioTimers } from './scenario-timers.ts';

export interface StreamHubOptions {
  readonly state: ProducerState;
  readonly faults: Faults;
  /** One-way delay of each stream message, in scenario ms. */
  readonly latency: Distribution;
  /** The random source of the delays. */
  readonly random: Random;
  /** The producer's clock, in scenario ms since the Unix epoch. */
  now(): number;
}

/** A request to open a stream, as the routes read it. */
export interface StreamRequest {
  readonly consumer: number;
  /** Keys the client wants; `undefined` means every key. */
  readonly keys: readonly string[] | undefined;
  /** The last event id the client has; 0 before any. */
  readonly lastSeq: number;
  /** Scenario time at which the request reaches the producer. */
  readonly time: number;
}

/** The destination of a stream's messages, which its transport (SSE or WebSocket) writes. */
export interface StreamSink {
  send(event: ProducerEvent): void;
  /** Ends the stream because the run is over, in a way the client does not take for a drop. */
  finish(): void;
  /** Cuts the connection, as a crash or a proxy does. */
  cut(): void;
}

/** Work the hub did, for the producer's figures. */
export interface StreamStats {
  /** Event messages sent, one per event per stream. */
  readonly deliveries: number;
  /** Streams the producer cut: drops, outages and idle cuts. */
  readonly resets: number;
}

/** An open stream from the producer to one client. */
export interface HubStream {
  readonly consumer: number;
  readonly keys: readonly string[] | undefined;
  readonly sink: StreamSink;
  /** The newest sequence number the hub has looked at for this stream. */
  lastSent: number;
  /** Scenario time at which the latest message reaches the client; messages arrive in order. */
  lastArrival: number;
  /** Scenario time of the latest message sent. */
  lastActivity: number;
  /** False once the hub has closed or finished the stream, or the client has gone. */
  open: boolean;
  /** Scenario time at which the connect reached the producer. */
  readonly openedAt: number;
  /** Messages on their way, oldest first. */
  readonly outbox: OutboxEntry[];
  /** True while a timer waits to write the outbox's first message. */
  flushing: boolean;
}

/** A message on its way to the client, with the scenario time at which it arrives. */
interface OutboxEntry {
  readonly time: number;
  readonly write: () => void;
}

/** A stream drop, an outage start or the end of the run, at its scenario time. */
interface ScheduledAction {
  readonly time: number;
  readonly run: TimedTask;
}

/**
 * The producer's open streams in a live run. It keeps the streams of both transports and sends
 * each newly visible event to each stream that wants it, on the producer's scenario clock.
 * Its faults mean what the simulator's open connections mean:
 * - a stream resumes after `lastSeq` with up to `faults.producer.replay` missed events, or the
 *   connect is `gone`;
 * - every stream drops at each of `faults.producer.streamDrops` and at each outage's start;
 * - connects fail with 503 during an outage;
 * - a proxy cuts a stream that carried nothing for `faults.idleCutMs`.
 *
 * Each message reaches the socket one modelled network delay after it is sent, never before an
 * earlier message of its stream. Once nothing is left to happen (every event sent, every fault
 * past, and no proxy that cuts idle streams), the hub finishes each stream with an end-of-run
 * marker, so that a live consumer knows it has every message and the run can end.
 */
export class StreamHub {
  private readonly streams = new Set<HubStream>();
  /** The open streams by the keys they want, so that an event visits only its own streams. */
  private readonly byKey = new KeyIndex<HubStream>((stream) => stream.open);
  /** The head up to which every open stream has had its news. */
  private covered = 0;
  private readonly timers = new ScenarioTimers();
  private readonly gate: ProducerGate;
  private publishing = false;
  private finished = false;
  private deliveries = 0;
  private resets = 0;

  constructor(private readonly options: StreamHubOptions) {
    this.gate = new ProducerGate(options.faults.producer);
  }

  /** The producer's clock, in scenario ms. */
  now(): number {
    return this.options.now();
  }

  get stats(): StreamStats {
    return { deliveries: this.deliveries, resets: this.resets };
  }

  /** Starts the hub's clock: from now on it publishes events and plays its faults. */
  start(clock: LiveClock): void {
    this.timers.start(clock);
    this.runSchedule(this.schedule(), 0);
  }

  /**
   * Decides a connect as the producer would at the request's time: `failed` with 503 during an
   * outage, `gone` when more than `replay` events came after `lastSeq`, and `open` otherwise.
   */
  admit(request: StreamRequest): ConnectResult {
    const { log } = this.options.state;
    if (this.gate.isDown(request.time)) {
      const refused = this.gate.refuse(request.consumer, { cursor: request.lastSeq }, request.time);
      return { state: 'failed', status: refused?.status ?? 503, retryAfter: refused?.retryAfter };
    }

    const missed = log.headAt(request.time) - request.lastSeq;
    return missed > this.options.faults.producer.replay ? { state: 'gone' } : { state: 'open' };
  }

  /**
   * Opens a stream that `admit` let through, and sends the events after its `lastSeq` first.
   * The producer's clock may already be past the request's time; events and faults that fell
   * in between then apply at once, in the order they would have.
   */
  attach(request: StreamRequest, sink: StreamSink): HubStream {
    const stream: HubStream = {
      consumer: request.consumer,
      keys: request.keys,
      sink,
      lastSent: request.lastSeq,
      lastArrival: request.time,
      lastActivity: request.time,
      openedAt: request.time,
      open: true,
      outbox: [],
      flushing: false,
    };
    this.streams.add(stream);
    this.byKey.add(stream, stream.keys);

    const log = this.options.state.log;
    this.sendNews(stream, log.headAt(request.time), request.time);

    const now = Math.max(request.time, this.options.now());
    const fault = this.firstFaultBetween(request.time, now);
    if (fault !== undefined) {
      this.sendNews(stream, log.headAt(fault), fault);
      this.cutStream(stream, fault);
      return stream;
    }

    this.sendNews(stream, log.headAt(now), request.time);
    // A publish timer may run a moment before the clock reads its time, so a stream that
    // attaches just then can be behind it. The next publish looks again from where it is.
    this.covered = Math.min(this.covered, stream.lastSent);
    if (this.finished) this.finishStream(stream, now);
    else this.watch(stream, now);
    return stream;
  }

  /** Forgets a stream whose connection has closed, by the client or by the hub. */
  detach(stream: HubStream): void {
    if (stream.open) this.byKey.retire();
    stream.open = false;
    stream.outbox.length = 0;
    this.streams.delete(stream);
  }

  /** Stops every timer and cuts every connection, for shutting the producer down. */
  close(): void {
    this.timers.stop();
    for (const stream of this.streams) {
      this.detach(stream);
      stream.sink.cut();
    }
  }

  /** Lists the drops, outage starts and the end of the run, in time order. */
  private schedule(): ScheduledAction[] {
    const { producer, idleCutMs } = this.options.faults;
    const actions: ScheduledAction[] = [
      ...producer.streamDrops.map((time) => ({ time, run: (at: number) => this.dropAll(at) })),
      ...producer.outage.map(({ start }) => ({
        time: start,
        run: (at: number) => this.dropAll(at),
      })),
    ];
    actions.sort((a, b) => a.time - b.time);

    // With a proxy that cuts idle streams, every stream ends by a cut, as in the simulator.
    if (idleCutMs === undefined) {
      const lastEvent = this.options.state.log.events.at(-1)?.time ?? Number.NEGATIVE_INFINITY;
      const lastAction = actions.at(-1)?.time ?? Number.NEGATIVE_INFINITY;
      const time = Math.max(lastEvent, lastAction, this.options.now());
      actions.push({ time, run: (at) => this.finish(at) });
    }
    return actions;
  }

  /** Runs the actions from `index` on, one timer at a time, so that ties keep their order. */
  private runSchedule(actions: readonly ScheduledAction[], index: number): void {
    const first = actions[index];
    if (first === undefined) return;

    this.timers.at(first.time, (time) => {
      let next = index;
      while (next < actions.length && (actions[next] as ScheduledAction).time <= time) {
        (actions[next] as ScheduledAction).run(time);
        next++;
      }
      this.runSchedule(actions, next);
    });
  }

  /** Returns the first drop or outage start after `from` and at or before `to`. */
  private firstFaultBetween(from: number, to: number): number | undefined {
    const { streamDrops, outage } = this.options.faults.producer;
    const times = [...streamDrops, ...outage.map((window) => window.start)];
    const between = times.filter((time) => time > from && time <= to);
    return between.length === 0 ? undefined : Math.min(...between);
  }

  /** Starts the proxy's idle watch and makes sure the next event wakes the hub. */
  private watch(stream: HubStream, now: number): void {
    this.watchIdle(stream);
    this.ensurePublisher(now);
  }

  /** Wakes the hub at the first event not yet visible at `now`, while any stream is open. */
  private ensurePublisher(now: number): void {
    if (this.publishing || this.streams.size === 0) return;

    const log = this.options.state.log;
    const next = log.events[log.headAt(now)];
    if (next === undefined) return;

    this.publishing = true;
    this.timers.at(next.time, (time) => this.publish(time));
  }

  private publish(time: number): void {
    this.publishing = false;

    const head = this.options.state.log.headAt(time);
    for (const stream of this.byKey.wantingAny(this.keysUpTo(head))) {
      this.sendNews(stream, head, time);
    }

    this.ensurePublisher(time);
  }

  /** Returns the keys of the events after `covered` up to `head`, and moves `covered` there. */
  private keysUpTo(head: number): Set<string> {
    const { events } = this.options.state.log;
    const keys = new Set<string>();

    for (let index = this.covered; index < head; index++) {
      keys.add((events[index] as ProducerEvent).key);
    }

    this.covered = Math.max(this.covered, head);
    return keys;
  }

  /** Sends each event after the stream's last one up to `head`, one message per event. */
  private sendNews(stream: HubStream, head: number, time: number): void {
    const events = this.options.state.log.between(stream.lastSent, head, stream.keys);
    stream.lastSent = Math.max(stream.lastSent, head);

    for (const event of events) {
      const sentAt = Math.max(time, event.time);
      this.deliveries++;
      stream.lastActivity = sentAt;
      this.enqueue(stream, sentAt, () => stream.sink.send(event));
    }
  }

  /** Closes a stream with no goodbye: the client sees the connection drop. */
  private cutStream(stream: HubStream, time: number): void {
    if (!stream.open) return;

    stream.open = false;
    this.byKey.retire();
    this.resets++;
    this.enqueue(stream, time, () => stream.sink.cut());
  }

  private finishStream(stream: HubStream, time: number): void {
    if (!stream.open) return;

    stream.open = false;
    this.byKey.retire();
    this.enqueue(stream, time, () => stream.sink.finish());
  }

  /**
   * Drops every stream whose connect reached the producer before `time`. A stream whose
   * connect came at or after it stays open, even when the hub attached it before this timer.
   */
  private dropAll(time: number): void {
    for (const stream of this.streams) {
      if (stream.openedAt < time) this.cutStream(stream, time);
    }
  }

  /** Sends what is left to send, then finishes every stream; later streams finish at once. */
  private finish(time: number): void {
    this.publish(time);
    this.finished = true;
    for (const stream of this.streams) this.finishStream(stream, time);
  }

  /** Plays a proxy that cuts the stream once it has carried nothing for the idle limit. */
  private watchIdle(stream: HubStream): void {
    const limit = this.options.faults.idleCutMs;
    if (limit === undefined) return;

    this.timers.at(stream.lastActivity + limit, (time) => {
      if (!stream.open) return;
      if (time - stream.lastActivity >= limit) this.cutStream(stream, time);
      else this.watchIdle(stream);
    });
  }

  /**
   * Queues a write that reaches the client one network delay after `time`, but never before
   * the stream's earlier messages, as on the TCP connection under it.
   */
  private enqueue(stream: HubStream, time: number, write: () => void): void {
    const delay = Math.max(0, sample(this.options.latency, this.options.random));
    const arrival = Math.max(time + delay, stream.lastArrival);
    stream.lastArrival = arrival;
    stream.outbox.push({ time: arrival, write });

    if (!stream.flushing) {
      stream.flushing = true;
      this.timers.at(arrival, (now) => this.flush(stream, now));
    }
  }

  /** Writes every message due by `now`, then waits for the next one. */
  private flush(stream: HubStream, now: number): void {
    const { outbox } = stream;
    while (outbox.length > 0 && (outbox[0] as OutboxEntry).time <= now) {
      (outbox.shift() as OutboxEntry).write();
    }

    const next = outbox[0];
    if (next === undefined) stream.flushing = false;
    else this.timers.at(next.time, (time) => this.flush(stream, time));
  }
}
