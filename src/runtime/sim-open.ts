import type { RunRecorder } from '../metrics/recorder.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { Faults } from '../model/faults.ts';
import { KeyIndex } from '../model/key-index.ts';
import type { PollRequest, PollResponse, ProducerState, PushMessage } from '../model/producer.ts';
import { handlePoll, noResponse } from '../model/producer.ts';
import type { EventSizes } from '../model/wire-size.ts';
import { WIRE } from '../model/wire-size.ts';
import type { ConnectEffect } from '../strategies/effects.ts';
import type { SimNetwork } from './sim-network.ts';

/** The services that connections held open need from the simulation they run in. */
export interface OpenHost {
  readonly now: number;
  /** Runs `task` at scenario time `time`, or now if that has passed. */
  at(time: number, task: () => void): void;
  readonly network: SimNetwork;
  readonly recorder: RunRecorder;
  readonly producer: ProducerState;
  readonly sizes: EventSizes;
  /** Sends a held poll's response back to the process that sent it. */
  reply(held: HeldPoll, response: PollResponse): void;
  /** Hands a stream message to a consumer's inbox when it arrives. */
  pushTo(consumer: number, message: PushMessage): void;
  /** Tells the run's observer, if any, that a stream message left the producer. */
  notePush(consumer: number, event: ProducerEvent): void;
}

/** A long poll that the producer keeps open until news comes, the hold ends or a proxy cuts it. */
export interface HeldPoll {
  readonly process: unknown;
  readonly consumer: number;
  readonly request: PollRequest;
  readonly sentAt: number;
  /** When the client stops waiting: the hold, if any, plus its request timeout after sending. */
  readonly deadline: number;
  done: boolean;
  /** Set when the client gave up before the request reached the producer. */
  abandoned: boolean;
}

/** An open stream from the producer to one consumer. */
interface Stream {
  readonly consumer: number;
  readonly transport: ConnectEffect['transport'];
  readonly keys: readonly string[] | undefined;
  /** The newest sequence number the producer has looked at for this stream. */
  lastSent: number;
  /** When the latest message arrives; a stream delivers in order, like the TCP under it. */
  lastArrival: number;
  lastActivity: number;
  open: boolean;
}

const CLOSED: Omit<PushMessage, 'subscription'> = Object.freeze({ events: [], closed: true });

/**
 * The connections the producer keeps open in a simulated run: long polls and streams. It
 * wakes at each event to respond to them, drops them when the producer goes down or drops its
 * streams, and plays the proxy that cuts a connection left idle too long.
 */
export class OpenConnections {
  private readonly held = new KeyIndex<HeldPoll>((held) => !held.done);
  private readonly streams = new KeyIndex<Stream>((stream) => stream.open);
  private publishing = false;
  /**
   * The head up to which every waiting held poll and open stream has had its news. Events after
   * it are the ones the next publish has to look at.
   */
  private covered = 0;

  constructor(
    private readonly host: OpenHost,
    private readonly faults: Faults,
  ) {}

  /** Schedules the producer's own faults: stream drops, and outages that cut everything. */
  start(): void {
    for (const time of this.faults.producer.streamDrops) {
      this.host.at(time, () => this.dropStreams());
    }
    for (const outage of this.faults.producer.outage) {
      this.host.at(outage.start, () => this.dropAll());
    }
  }

  /** Keeps open a long poll that found nothing, until news, the hold's end or a cut. */
  hold(held: HeldPoll, holdMs: number): void {
    this.held.add(held, held.request.keys);
    this.checkedUpTo(this.host.producer.log.headAt(this.host.now));
    this.ensurePublisher();

    const cut = this.faults.idleCutMs;
    if (cut !== undefined && cut <= holdMs) {
      this.host.at(this.host.now + cut, () => this.cut(held));
    } else {
      this.host.at(this.host.now + holdMs, () => this.expire(held));
    }
  }

  /**
   * Opens a stream for `effect` at the producer, with the events after its `lastSeq` sent
   * first. Returns false when the producer no longer keeps all of them.
   */
  open(consumer: number, effect: ConnectEffect): boolean {
    const { now, producer } = this.host;
    const head = producer.log.headAt(now);
    if (head - effect.lastSeq > this.faults.producer.replay) return false;

    const stream: Stream = {
      consumer,
      transport: effect.transport,
      keys: effect.keys,
      lastSent: effect.lastSeq,
      lastArrival: now,
      lastActivity: now,
      open: true,
    };
    this.streams.add(stream, stream.keys);
    this.sendNews(stream, head);
    this.checkedUpTo(stream.lastSent);
    this.watchIdle(stream);
    this.ensurePublisher();
    return true;
  }

  /** Responds to a held poll whose hold ran out with an empty 200. */
  private expire(held: HeldPoll): void {
    if (held.done) return;
    this.finish(held, handlePoll(this.host.producer, held.request, this.host.now));
  }

  /** Cuts an idle held poll, as a proxy would: the client sees it close with no response. */
  private cut(held: HeldPoll): void {
    if (held.done) return;
    this.host.recorder.countReset();
    this.finish(held, noResponse(held.request));
  }

  private finish(held: HeldPoll, response: PollResponse): void {
    held.done = true;
    this.held.retire();
    this.host.reply(held, response);
  }

  /** Schedules a wake-up at the next event while any connection waits for one. */
  private ensurePublisher(): void {
    if (this.publishing) return;

    const log = this.host.producer.log;
    const next = log.events[log.headAt(this.host.now)];
    if (next === undefined) return;

    this.publishing = true;
    this.host.at(next.time, () => this.publish());
  }

  /**
   * Responds to the held polls and feeds the open streams that want an event after `covered`: held
   * polls in the order they were held, then streams in the order they opened, because each
   * visit may draw a network delay. The others have nothing to send, since each had every event
   * up to `covered` already.
   */
  private publish(): void {
    this.publishing = false;
    const head = this.host.producer.log.headAt(this.host.now);
    const keys = this.keysUpTo(head);

    for (const held of this.held.wantingAny(keys)) this.answerWithNews(held, head);
    for (const stream of this.streams.wantingAny(keys)) this.sendNews(stream, head);

    if (this.held.size > 0 || this.streams.size > 0) this.ensurePublisher();
  }

  /**
   * Notes a new held poll or stream that has had every event up to `head`. Within a run the
   * clock only moves forward, so `head` is at least `covered` and nothing changes. Should that
   * ever fail, the next publish looks again at the events after `head`.
   */
  private checkedUpTo(head: number): void {
    this.covered = Math.min(this.covered, head);
  }

  /** Returns the keys of the events after `covered` up to `head`, and moves `covered` there. */
  private keysUpTo(head: number): Set<string> {
    const { events } = this.host.producer.log;
    const keys = new Set<string>();

    for (let index = this.covered; index < head; index++) {
      keys.add((events[index] as ProducerEvent).key);
    }

    this.covered = Math.max(this.covered, head);
    return keys;
  }

  private answerWithNews(held: HeldPoll, head: number): void {
    const events = this.host.producer.log.between(held.request.cursor, head, held.request.keys);
    if (events.length > 0) {
      this.finish(held, handlePoll(this.host.producer, held.request, this.host.now));
    }
  }

  /** Sends each event after the stream's last one, one message per event, in order. */
  private sendNews(stream: Stream, head: number): void {
    const events = this.host.producer.log.between(stream.lastSent, head, stream.keys);
    stream.lastSent = Math.max(stream.lastSent, head);

    for (const event of events) this.sendEvent(stream, event);
  }

  private sendEvent(stream: Stream, event: ProducerEvent): void {
    const { host } = this;
    const frame = stream.transport === 'sse' ? WIRE.sseFrame : WIRE.websocketFrame;

    host.recorder.countDelivery();
    host.recorder.addBytes(frame + host.sizes.of([event]));
    host.notePush(stream.consumer, event);
    stream.lastActivity = host.now;

    const message: PushMessage = { subscription: 0, events: [event] };
    this.arriveInOrder(stream, () => host.pushTo(stream.consumer, message));
  }

  /** Delivers after one delay, but never before the stream's earlier messages. */
  private arriveInOrder(stream: Stream, task: () => void): void {
    const arrival = Math.max(this.host.now + this.host.network.delay(), stream.lastArrival);
    stream.lastArrival = arrival;
    this.host.at(arrival, task);
  }

  private close(stream: Stream): void {
    if (!stream.open) return;

    stream.open = false;
    this.streams.retire();
    this.host.recorder.countReset();
    const message: PushMessage = { subscription: 0, ...CLOSED };
    this.arriveInOrder(stream, () => this.host.pushTo(stream.consumer, message));
  }

  private dropStreams(): void {
    for (const stream of this.streams.items()) this.close(stream);
  }

  /** Ends every held poll and stream with no response, because the producer went down. */
  private dropAll(): void {
    this.dropStreams();
    for (const held of this.held.items()) {
      this.host.recorder.countReset();
      this.finish(held, noResponse(held.request));
    }
  }

  /** Plays a proxy that cuts the stream once it has carried nothing for the idle limit. */
  private watchIdle(stream: Stream): void {
    const limit = this.faults.idleCutMs;
    if (limit === undefined) return;

    this.host.at(stream.lastActivity + limit, () => {
      if (!stream.open) return;
      if (this.host.now - stream.lastActivity >= limit) this.close(stream);
      else this.watchIdle(stream);
    });
  }
}
