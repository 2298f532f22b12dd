import type { Distribution } from '../engine/distributions.ts';
import { moments, sample, upperBound } from '../engine/distributions.ts';
import { EventQueue } from '../engine/event-queue.ts';
import type { Random } from '../engine/random.ts';
import { createStream } from '../engine/random.ts';
import { PollVsPushError } from '../errors.ts';
import { RunRecorder } from '../metrics/recorder.ts';
import type { StrategyResult } from '../metrics/result.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type {
  PollRequest,
  ProducerState,
  PushMessage,
  SubscribeRequest,
} from '../model/producer.ts';
import {
  createProducerState,
  handlePoll,
  handleSubscribe,
  subscribersFor,
} from '../model/producer.ts';
import type { World } from '../model/world.ts';
import type {
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

/** Options of one simulated run of one strategy, besides the world. */
export interface SimulationOptions {
  readonly strategy: Strategy;
  readonly interval: Distribution;
  readonly align: ConsumerSettings['align'];
  /** One-way network delay of each message, in ms. */
  readonly latency: Distribution;
  readonly seed: number;
  /** Stops a run that would take more steps than this; the default suits any sane scenario. */
  readonly maxSteps?: number;
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
const DELIVERED: DeliveryResult = Object.freeze({ state: 'delivered' });

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

class Simulation {
  now: number;
  private readonly queue = new EventQueue<Task>();
  private readonly producer: ProducerState;
  private readonly recorder: RunRecorder;
  private readonly network: Random;
  readonly consumerRandom: Random;
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
    this.now = world.windowStart - setupLead(options.latency);
    this.producer = createProducerState(world.log);
    this.recorder = new RunRecorder(
      world.log,
      world.consumers.map((consumer) => consumer.keys),
    );
    this.network = createStream(options.seed, `${options.strategy.name}/network`);
    this.consumerRandom = createStream(options.seed, `${options.strategy.name}/consumers`);
    this.instant = options.latency.kind === 'constant' && options.latency.value === 0;
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.inboxes = world.consumers.map(() => []);
    this.listeners = world.consumers.map(() => undefined);
    this.settings = {
      interval: options.interval,
      align: options.align,
      windowStart: world.windowStart,
      windowEnd: world.windowEnd,
    };
  }

  run(): void {
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
      if (effect.type === 'poll' && this.instant && !(effect.at! > this.now)) {
        input = this.pollNow(process.consumer, effect, this.now);
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

    if (this.instant) this.resume(process, this.pollNow(process.consumer, effect, this.now));
    else this.sendPoll(process, effect);
  }

  private pollNow(consumer: number, request: PollRequest, arrival: number): unknown {
    const response = handlePoll(this.producer, request, arrival);
    this.recorder.countResponse(consumer, response.events);
    return response;
  }

  /**
   * Sends a poll over the network: it reaches the producer after one delay, and the response
   * reaches the consumer after another.
   */
  private sendPoll(process: Process, request: PollRequest): void {
    this.after(this.delay(), () => {
      const response = handlePoll(this.producer, request, this.now);

      this.after(this.delay(), () => {
        this.recorder.countResponse(process.consumer, response.events);
        this.resume(process, response);
      });
    });
  }

  private sendSubscribe(process: Process, request: SubscribeRequest): void {
    this.after(this.delay(), () => {
      const subscription = handleSubscribe(this.producer, request);
      this.after(this.delay(), () => this.resume(process, subscription));
    });
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

  /** Sends a push: it reaches the consumer after one delay and the 2xx comes back after another. */
  private sendDelivery(process: Process, effect: DeliverEffect): void {
    this.recorder.countDelivery();

    this.after(this.delay(), () => {
      this.pushTo(effect.subscription.consumer, effect.message);
      this.after(this.delay(), () => this.resume(process, DELIVERED));
    });
  }

  private pushTo(consumer: number, message: PushMessage): void {
    const listener = this.listeners[consumer];
    if (listener === undefined) {
      this.inboxes[consumer]?.push(message);
      return;
    }

    this.listeners[consumer] = undefined;
    this.resume(listener, message);
  }

  private after(delay: number, task: () => void): void {
    this.queue.push(this.now + delay, task);
  }

  /** Draws a one-way delay; draws below zero, possible with a normal distribution, count as 0. */
  private delay(): number {
    if (this.instant) return 0;
    return Math.max(0, sample(this.options.latency, this.network));
  }

  private consumerContext(id: number, phase: number): ConsumerContext {
    const keys = this.world.consumers[id]?.keys;
    return new SimConsumerContext(this, this.recorder, id, keys, phase);
  }

  private producerContext(): ProducerContext {
    return {
      random: this.network,
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
