import { CalendarQueue } from '../engine/calendar-queue.ts';
import type { Distribution } from '../engine/distributions.ts';
import { moments, upperBound } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import { createStream } from '../engine/random.ts';
import { PollVsPushError } from '../errors.ts';
import type { CdfPoint } from '../metrics/latency.ts';
import { RunRecorder } from '../metrics/recorder.ts';
import type { StrategyResult } from '../metrics/result.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { Faults } from '../model/faults.ts';
import { NO_FAULTS } from '../model/faults.ts';
import type {
  PollRequest,
  PollResponse,
  ProducerState,
  PushMessage,
  SubscribeRequest,
} from '../model/producer.ts';
import {
  createProducerState,
  handlePoll,
  handleSubscribe,
  noResponse,
  subscribersFor,
} from '../model/producer.ts';
import { ProducerGate } from '../model/producer-gate.ts';
import { EventSizes, WIRE } from '../model/wire-size.ts';
import type { World } from '../model/world.ts';
import type {
  ConnectEffect,
  ConnectResult,
  ConsumerContext,
  ConsumerSettings,
  DeliverEffect,
  DeliveryResult,
  Effect,
  PollEffect,
  ProducerContext,
  StrategyProcess,
} from '../strategies/effects.ts';
import type { Strategy } from '../strategies/strategy.ts';
import type { StrategyTuning } from '../strategies/tuning.ts';
import { DEFAULT_TUNING } from '../strategies/tuning.ts';
import { SimNetwork } from './sim-network.ts';
import type { HeldPoll, OpenHost } from './sim-open.ts';
import { OpenConnections } from './sim-open.ts';
import { SimReceiver } from './sim-receiver.ts';
import type { TimelineDetail, TimelineEntry, TimelineKind } from './timeline.ts';

/** Options of one simulated run of one strategy, besides the world. */
export interface SimulationOptions {
  readonly strategy: Strategy;
  readonly interval: Distribution;
  readonly align: ConsumerSettings['align'];
  /** One-way network delay of each message, in ms. */
  readonly latency: Distribution;
  readonly seed: number;
  /** The strategies' knobs; absent ones take `DEFAULT_TUNING`. */
  readonly tuning?: StrategyTuning;
  /** Faults of the run; none by default. */
  readonly faults?: Faults;
  /** Stops a run that would take more steps than this; the default suits any sane scenario. */
  readonly maxSteps?: number;
  /** Receives each message of the run in time order. Runs without it build no entries. */
  readonly observe?: (entry: TimelineEntry) => void;
}

/** The minimum time consumers get before the first event can happen, to subscribe in time. */
export const SETUP_LEAD_MS = 60_000;

/**
 * Returns how long before the window consumers start: at least a minute, and at least two
 * network delays at their longest (or ten mean delays when delays have no bound), so that a
 * subscription reaches the producer and its response comes back before the first event.
 */
export function setupLead(latency: Distribution): number {
  const bound = upperBound(latency);
  const longest = Number.isFinite(bound) ? bound : 10 * (moments(latency)?.mean ?? 0);
  return Math.max(SETUP_LEAD_MS, 2 * longest);
}

const DEFAULT_MAX_STEPS = 2_000_000_000;
const PRODUCER = -1;

class Process {
  /** The value the process is resumed with when the queue next runs it. */
  value: unknown = undefined;
  /** A poll the process waits to send when the queue next runs it. */
  pendingPoll: PollEffect | undefined = undefined;

  constructor(
    readonly generator: StrategyProcess,
    readonly consumer: number,
  ) {}
}

type Task = Process | (() => void);

/**
 * Runs one strategy over a world on a virtual clock and returns its figures. Effects that take
 * no time, such as a poll over a network with no delay, are completed without going through the
 * queue, which keeps the common case fast.
 */
export function simulate(world: World, options: SimulationOptions): StrategyResult {
  const simulation = new Simulation(world, options);
  simulation.run();
  return simulation.result();
}

/** A run's figures with the distribution of its latencies, which a chart draws. */
export interface DetailedResult {
  readonly result: StrategyResult;
  readonly latencyCdf: CdfPoint[];
}

/** Runs `simulate` and also returns the distribution of the run's notification latencies. */
export function simulateDetailed(world: World, options: SimulationOptions): DetailedResult {
  const simulation = new Simulation(world, options);
  simulation.run();
  return { result: simulation.result(), latencyCdf: simulation.recorder.latencyCdf() };
}

class Simulation implements OpenHost {
  now: number;
  private readonly queue = new CalendarQueue<Task>();
  readonly producer: ProducerState;
  readonly recorder: RunRecorder;
  readonly network: SimNetwork;
  readonly sizes: EventSizes;
  private readonly emitterRandom: Random;
  readonly consumerRandom: Random;
  private readonly gate: ProducerGate;
  private readonly receiver: SimReceiver;
  private readonly open: OpenConnections;
  private readonly tuning: StrategyTuning;
  private readonly faults: Faults;
  /** True when a poll can be answered at once: no delay, no faults, no gate. */
  private readonly instant: boolean;
  private readonly maxSteps: number;
  private readonly inboxes: PushMessage[][];
  private readonly listeners: (Process | undefined)[];
  readonly settings: ConsumerSettings;
  private nextEventIndex = 0;
  private steps = 0;

  constructor(
    private readonly world: World,
    private readonly options: SimulationOptions,
  ) {
    const name = options.strategy.name;
    const faults = options.faults ?? NO_FAULTS;
    const faultDraws = createStream(options.seed, `${name}/faults`);

    this.now = world.windowStart - setupLead(options.latency);
    this.tuning = options.tuning ?? DEFAULT_TUNING;
    this.producer = createProducerState(world.log);
    this.recorder = new RunRecorder(
      world.log,
      world.consumers.map((consumer) => consumer.keys),
      { start: world.windowStart, end: world.windowEnd },
      this.tuning.dedupe,
    );
    this.emitterRandom = createStream(options.seed, `${name}/network`);
    this.network = new SimNetwork(options.latency, faults.network, this.emitterRandom, faultDraws);
    this.consumerRandom = createStream(options.seed, `${name}/consumers`);
    this.sizes = new EventSizes(world.log.events);
    this.gate = new ProducerGate(faults.producer);
    this.receiver = new SimReceiver(faults.consumer, this.tuning, faultDraws);
    this.open = new OpenConnections(this, faults);
    this.instant = this.network.instant && !this.gate.active;
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.inboxes = world.consumers.map(() => []);
    this.listeners = world.consumers.map(() => undefined);
    this.settings = {
      interval: options.interval,
      align: options.align,
      windowStart: world.windowStart,
      windowEnd: world.windowEnd,
      tuning: this.tuning,
    };
    this.faults = faults;
  }

  run(): void {
    this.open.start();
    this.startProcesses();

    for (;;) {
      const time = this.queue.peekTime();
      if (time === Number.POSITIVE_INFINITY) return;

      this.now = time;
      const task = this.queue.pop() as Task;
      if (typeof task === 'function') task();
      else if (task.pendingPoll !== undefined) this.sendPendingPoll(task);
      else this.resume(task, task.value);
    }
  }

  result(): StrategyResult {
    return this.recorder.result(this.options.strategy.name);
  }

  at(time: number, task: () => void): void {
    this.queue.push(Math.max(time, this.now), task);
  }

  private startProcesses(): void {
    const { strategy } = this.options;

    if (strategy.producer !== undefined) {
      this.schedule(new Process(strategy.producer(this.producerContext()), PRODUCER));
    }

    const phases = drawPhases(this.world.consumers.length, this.consumerRandom);
    phases.forEach((phase, id) => {
      this.schedule(new Process(strategy.consumer(this.consumerContext(id, phase)), id));
    });
  }

  private schedule(process: Process, at = this.now, value: unknown = undefined): void {
    process.value = value;
    this.queue.push(at, process);
  }

  /** Steps a process until it waits for something that takes time, or ends. */
  private resume(process: Process, value: unknown): void {
    let input = value;

    for (;;) {
      if (++this.steps > this.maxSteps) throw this.tooManySteps();

      const step = process.generator.next(input);
      if (step.done === true) return;

      const effect: Effect = step.value;
      if (effect.type === 'poll' && this.instant && this.answersAtOnce(effect)) {
        input = this.pollNow(process.consumer, effect);
      } else if (effect.type === 'receive' && this.hasMessage(process.consumer)) {
        input = this.inboxes[process.consumer]?.shift();
      } else if (effect.type === 'spawn') {
        this.schedule(new Process(effect.process, process.consumer));
        input = undefined;
      } else {
        this.wait(process, effect);
        return;
      }
    }
  }

  /** Tells whether a poll due now can be answered without the queue: it is not held. */
  private answersAtOnce(effect: PollEffect): boolean {
    return !(effect.at! > this.now) && effect.hold === undefined;
  }

  /** Starts an effect that takes time; the process resumes when it completes. */
  private wait(process: Process, effect: Effect): void {
    switch (effect.type) {
      case 'sleep':
        this.schedule(process, Math.max(effect.until, this.now));
        break;
      case 'poll':
        if (effect.at! > this.now) {
          process.pendingPoll = effect;
          this.queue.push(effect.at as number, process);
        } else {
          this.sendPoll(process, effect);
        }
        break;
      case 'subscribe':
        this.sendSubscribe(process, effect.request);
        break;
      case 'receive':
        this.listeners[process.consumer] = process;
        break;
      case 'next-event':
        this.waitForEvent(process);
        break;
      case 'deliver':
        this.sendDelivery(process, effect);
        break;
      case 'connect':
        this.sendConnect(process, effect);
        break;
      case 'spawn':
        break;
    }
  }

  private hasMessage(consumer: number): boolean {
    return (this.inboxes[consumer]?.length ?? 0) > 0;
  }

  /** Sends the poll a process waited for, now that its time has come. */
  private sendPendingPoll(process: Process): void {
    const effect = process.pendingPoll as PollEffect;
    process.pendingPoll = undefined;

    if (this.instant && effect.hold === undefined) {
      this.resume(process, this.pollNow(process.consumer, effect));
    } else {
      this.sendPoll(process, effect);
    }
  }

  /** Answers a poll with no delay on either side. */
  private pollNow(consumer: number, request: PollRequest): PollResponse {
    this.options.observe?.(this.note('poll', consumer, pollDetail(request)));
    this.recorder.countArrival(this.now);
    const response = handlePoll(this.producer, request, this.now);
    this.countPoll(consumer, request, response);
    return response;
  }

  /** Counts a poll's response as it reaches the consumer, with its bytes both ways. */
  private countPoll(consumer: number, request: PollRequest, response: PollResponse): void {
    this.options.observe?.(this.note('response', consumer, responseDetail(response)));
    this.recorder.countResponse(consumer, response.events);
    this.recorder.addBytes(pollBytes(request, response, this.sizes));
  }

  /**
   * Sends a poll over the network: it reaches the producer after one delay, and the response
   * reaches the consumer after another. A message lost on the way leaves the client waiting
   * until its request timeout, and it then carries on with no response.
   */
  private sendPoll(process: Process, request: PollEffect): void {
    this.options.observe?.(this.note('poll', process.consumer, pollDetail(request)));
    const held: HeldPoll = {
      process,
      consumer: process.consumer,
      request,
      sentAt: this.now,
      deadline: this.now + (request.hold ?? 0) + this.tuning.requestTimeoutMs,
      done: false,
      abandoned: false,
    };
    const delay = this.network.transit();
    if (delay === undefined) {
      this.timeOut(held);
      return;
    }

    // A request slower than the client's timeout still reaches the producer, which does the
    // work for nothing: the client has given up by then.
    if (this.now + delay > held.deadline) {
      held.abandoned = true;
      this.timeOut(held);
    }
    this.after(delay, () => this.arrivePoll(held));
  }

  /** Answers a poll at the producer, or holds it when it is a long poll with nothing to say. */
  private arrivePoll(held: HeldPoll): void {
    this.recorder.countArrival(this.now);
    const { consumer, request } = held;
    const refused = this.gate.active ? this.gate.refuse(consumer, request, this.now) : undefined;
    if (refused !== undefined) {
      this.reply(held, refused);
      return;
    }

    const response = this.gate.annotate(handlePoll(this.producer, request, this.now));
    if (response.status === 304) this.gate.refund(consumer);
    const hold = request.hold;
    if (hold !== undefined && hold > 0 && response.events.length === 0) {
      this.options.observe?.(this.note('held', consumer, { hold }));
      this.open.hold(held, hold);
      return;
    }

    this.reply(held, response);
  }

  /**
   * Sends a response back to the process that asked. One that is lost, or would arrive after
   * the client's deadline, ends in a timeout instead; one for a client that gave up goes nowhere.
   */
  reply(held: HeldPoll, response: PollResponse): void {
    held.done = true;
    if (held.abandoned) return;

    const process = held.process as Process;
    const delay = this.network.transit();
    if (delay === undefined || this.now + delay > held.deadline) {
      this.timeOut(held);
      return;
    }

    this.after(delay, () => {
      this.countPoll(process.consumer, held.request, response);
      this.resume(process, response);
    });
  }

  /** Ends a request that got no response in time, when the client's deadline comes. */
  private timeOut(held: HeldPoll): void {
    const process = held.process as Process;
    this.at(held.deadline, () => {
      this.countPoll(process.consumer, held.request, noResponse(held.request));
      this.resume(process, noResponse(held.request));
    });
  }

  private sendSubscribe(process: Process, request: SubscribeRequest): void {
    this.options.observe?.(this.note('subscribe', process.consumer));
    this.after(this.network.delay(), () => {
      const subscription = handleSubscribe(this.producer, request);
      this.after(this.network.delay(), () => {
        this.options.observe?.(this.note('subscribed', process.consumer));
        this.resume(process, subscription);
      });
    });
  }

  /**
   * Opens a stream: the producer refuses it during an outage, answers `gone` when it no longer
   * holds the events the client asks for, and otherwise sends those events first. A stream runs
   * over one connection, so it loses nothing once open.
   */
  private sendConnect(process: Process, effect: ConnectEffect): void {
    const { transport } = effect;
    this.options.observe?.(this.note('connect', process.consumer, { transport }));
    this.after(this.network.delay(), () => {
      this.recorder.countArrival(this.now);
      const result = this.connectResult(process.consumer, effect);

      this.after(this.network.delay(), () => {
        this.recorder.countRequest(result.state !== 'open');
        this.recorder.addBytes(WIRE.connect);
        this.options.observe?.(this.note('connected', process.consumer, connectDetail(result)));
        this.resume(process, result);
      });
    });
  }

  private connectResult(consumer: number, effect: ConnectEffect): ConnectResult {
    if (this.gate.isDown(this.now)) return { state: 'failed', status: 503 };

    return this.open.open(consumer, effect) ? { state: 'open' } : { state: 'gone' };
  }

  /** Wakes the process at the next event's time with that event, or now with `undefined`. */
  private waitForEvent(process: Process): void {
    const event = this.world.log.events[this.nextEventIndex];
    if (event === undefined) {
      this.schedule(process);
      return;
    }

    this.nextEventIndex++;
    this.schedule(process, Math.max(event.time, this.now), event);
  }

  /**
   * Sends a push and waits for the receiver's reply. The attempt fails with the receiver's
   * status when it refuses or errs, or with status 0 when no 2xx is back within the timeout.
   */
  private sendDelivery(process: Process, effect: DeliverEffect): void {
    const consumer = effect.subscription.consumer;
    this.options.observe?.(this.note('push', consumer, pushDetail(effect)));
    this.recorder.countDelivery(effect.attempt > 0);
    this.recorder.addBytes(
      WIRE.pushHeaders + WIRE.pushEnvelope + this.sizes.of(effect.message.events),
    );

    const deadline = this.now + this.tuning.retry.timeoutMs;
    const attempt = new DeliveryAttempt(this, process, deadline, consumer);
    const delay = this.network.transit();
    if (delay === undefined) {
      attempt.failAt(attempt.deadline, 0);
      return;
    }

    this.after(delay, () => this.arrivePush(attempt, effect));
  }

  private arrivePush(attempt: DeliveryAttempt, effect: DeliverEffect): void {
    const consumer = effect.subscription.consumer;
    const outcome = this.receiver.receive(this.now);

    if (outcome.kind === 'refused') {
      this.replyToSender(attempt, this.now, { state: 'failed', status: 0 }, 0);
      return;
    }
    if (outcome.kind === 'error') {
      this.replyToSender(attempt, this.now, { state: 'failed', status: outcome.status });
      return;
    }

    this.at(outcome.handleAt, () => this.pushTo(consumer, effect.message));
    this.replyToSender(attempt, outcome.replyAt, { state: 'delivered', status: 204 });
  }

  /**
   * Sends the receiver's reply of `bytes` at `at`; the sender takes it only if it comes before
   * the deadline. A refused connection sends no reply, only the news that it failed.
   */
  private replyToSender(
    attempt: DeliveryAttempt,
    at: number,
    result: DeliveryResult,
    bytes: number = WIRE.ack,
  ): void {
    // A sender that has given up by then has closed the connection, so no reply goes out.
    if (at > attempt.deadline) {
      attempt.failAt(attempt.deadline, 0);
      return;
    }

    this.at(at, () => {
      this.recorder.addBytes(bytes);
      const delay = this.network.transit();
      const arrival = delay === undefined ? Number.POSITIVE_INFINITY : this.now + delay;

      if (arrival > attempt.deadline) attempt.failAt(attempt.deadline, 0);
      else attempt.settleAt(arrival, result);
    });
  }

  notePush(consumer: number, event: ProducerEvent): void {
    this.options.observe?.(this.note('push', consumer, { events: [event.seq] }));
  }

  pushTo(consumer: number, message: PushMessage): void {
    this.options.observe?.(this.note('message', consumer, messageDetail(message)));
    const listener = this.listeners[consumer];
    if (listener === undefined) {
      this.inboxes[consumer]?.push(message);
      return;
    }

    this.listeners[consumer] = undefined;
    this.resume(listener, message);
  }

  /** Resumes a delivery process with its outcome, counting failures. */
  settleDelivery(process: Process, result: DeliveryResult, consumer: number): void {
    this.options.observe?.(this.note('push-result', consumer, { status: result.status }));
    if (result.state === 'failed') this.recorder.countFailedDelivery();
    this.resume(process, result);
  }

  /** Builds a timeline entry at the current time; callers pass it to `observe` only if set. */
  private note(kind: TimelineKind, consumer: number, detail: TimelineDetail = {}): TimelineEntry {
    return { time: this.now, consumer, strategy: this.options.strategy.name, kind, detail };
  }

  private after(delay: number, task: () => void): void {
    this.queue.push(this.now + delay, task);
  }

  private consumerContext(id: number, phase: number): ConsumerContext {
    const keys = this.world.consumers[id]?.keys;
    return new SimConsumerContext(this, this.recorder, id, keys, phase);
  }

  private producerContext(): ProducerContext {
    return {
      random: this.emitterRandom,
      tuning: this.tuning,
      faults: this.faults.emitter,
      now: () => this.now,
      subscribersFor: (event) => subscribersFor(this.producer, event),
    };
  }

  private tooManySteps(): PollVsPushError {
    return new PollVsPushError(
      'PVP_RUN_LIMIT',
      `the run of ${this.options.strategy.name} passed ${this.maxSteps} steps; ` +
        'use a longer --interval, a shorter --duration or fewer --consumers',
    );
  }
}

/** One delivery attempt: it settles once, by the receiver's reply or by its deadline. */
class DeliveryAttempt {
  private settled = false;

  constructor(
    private readonly simulation: Simulation,
    private readonly process: Process,
    /** When the sender stops waiting for the reply. */
    readonly deadline: number,
    /** The consumer the push goes to. */
    private readonly consumer: number,
  ) {}

  failAt(time: number, status: number): void {
    this.settleAt(time, { state: 'failed', status });
  }

  settleAt(time: number, result: DeliveryResult): void {
    this.simulation.at(time, () => {
      if (this.settled) return;
      this.settled = true;
      this.simulation.settleDelivery(this.process, result, this.consumer);
    });
  }
}

function pollDetail(request: PollRequest): TimelineDetail {
  return { hold: request.hold, conditional: request.etag !== undefined };
}

function responseDetail(response: PollResponse): TimelineDetail {
  return { status: response.status, events: response.events.map((event) => event.seq) };
}

function connectDetail(result: ConnectResult): TimelineDetail {
  return { state: result.state, status: 'status' in result ? result.status : undefined };
}

function pushDetail(effect: DeliverEffect): TimelineDetail {
  return { events: effect.message.events.map((event) => event.seq), attempt: effect.attempt };
}

function messageDetail(message: PushMessage): TimelineDetail {
  const events = message.events.map((event) => event.seq);
  return message.closed === true ? { events, closed: true } : { events };
}

/** Bytes of one poll both ways, by the sizes in `WIRE`. */
function pollBytes(request: PollRequest, response: PollResponse, sizes: EventSizes): number {
  const sent = WIRE.request + (request.etag === undefined ? 0 : WIRE.conditional);

  switch (response.status) {
    case 200: {
      const empty = sent + WIRE.responseHeaders + WIRE.pollEnvelope;
      return response.events.length === 0 ? empty : empty + sizes.of(response.events);
    }
    case 304:
      return sent + WIRE.notModified;
    case 0:
      return sent;
    default:
      return sent + WIRE.refused;
  }
}

/** Draws one uniform phase per consumer, sorted ascending. */
export function drawPhases(count: number, random: Random): Float64Array {
  const phases = Float64Array.from({ length: count }, () => random.next());
  return phases.sort();
}

/**
 * A consumer's view of the simulation. It is a class rather than an object of closures so that
 * a run with many consumers keeps one small object per consumer.
 */
class SimConsumerContext implements ConsumerContext {
  readonly random: Random;
  readonly settings: ConsumerSettings;

  constructor(
    private readonly simulation: Simulation,
    private readonly recorder: RunRecorder,
    readonly id: number,
    readonly keys: readonly string[] | undefined,
    readonly phase: number,
  ) {
    this.random = simulation.consumerRandom;
    this.settings = simulation.settings;
  }

  now(): number {
    return this.simulation.now;
  }

  handle(events: readonly ProducerEvent[]): void {
    this.recorder.handle(this.id, events, this.simulation.now);
  }
}
