import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import { sample } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import { createStream } from '../engine/random.ts';
import { PollVsPushError } from '../errors.ts';
import { ProducerProcess } from '../live/producer-process.ts';
import type { ProducerStats } from '../live/producer-side.ts';
import { ReceiverBehaviour } from '../live/receiver-behaviour.ts';
import type { ReceiverServer, ReceiverStats } from '../live/receiver-server.ts';
import { startReceiverServer } from '../live/receiver-server.ts';
import { RunRecorder } from '../metrics/recorder.ts';
import type { StrategyResult } from '../metrics/result.ts';
import { NO_FAULTS } from '../model/faults.ts';
import type { PollResponse, PushMessage, Subscription } from '../model/producer.ts';
import type { World } from '../model/world.ts';
import type {
  ConsumerContext,
  ConsumerSettings,
  Effect,
  PollEffect,
  SubscribeEffect,
} from '../strategies/effects.ts';
import { DEFAULT_TUNING } from '../strategies/tuning.ts';
import type { ProcessClock } from './live-clock.ts';
import { createAbortController, LiveClock, realNow } from './live-clock.ts';
import { LivePolls } from './live-polls.ts';
import { ProcessGroup } from './live-processes.ts';
import { LiveStreams } from './live-streams.ts';
import type { SimulationOptions } from './sim.ts';
import { drawPhases, setupLead } from './sim.ts';

export interface LiveOptions extends SimulationOptions {
  /** Scenario ms that pass per real ms, such as 600 for ten minutes a second. */
  readonly timeScale: number;
  readonly producerPort?: number;
  readonly receiverPort?: number;
  /** Accepts webhook URLs on hosts other than loopback. */
  readonly allowRemote?: boolean;
  /**
   * Real ms a delivery attempt may take before it counts as failed; by default the tuning's
   * `retry.timeoutMs` at the run's time scale.
   */
  readonly deliveryTimeoutMs?: number;
  /** Stops the run early, as Ctrl-C does; the result then covers what happened so far. */
  readonly signal?: AbortSignal;
}

/** Measures of a live run beyond the simulator's figures. */
export interface LiveMeasures {
  /** Scenario ms per real ms in this run. */
  readonly timeScale: number;
  /** Bytes on the wire both ways, headers included, counted on the servers' sockets. */
  readonly bytes: {
    /** On the producer's API: polls, subscriptions and streams. */
    readonly producer: number;
    /** On the webhook receiver: pushes. */
    readonly receiver: number;
    readonly total: number;
  };
  /** CPU time of the producer's process (its API and its push side), in ms. */
  readonly producerCpuMs: number;
  /** CPU time of the consumers' process (consumers and the webhook receiver), in ms. */
  readonly consumerCpuMs: number;
  readonly wallMs: number;
  readonly failedDeliveries: number;
  readonly receiver: ReceiverStats;
  /** Worst real delays seen in the run; their sum, times the time scale, bounds latency drift. */
  readonly slack: Slack;
  /** False when the run was stopped before it ended by itself. */
  readonly completed: boolean;
}

/** Worst cases seen during a run, in real ms. */
export interface Slack {
  /** Slowest request over loopback, from send to the whole response read. */
  readonly loopbackMs: number;
  /** Latest that a request or a delivery went out after its scenario time, timers included. */
  readonly lateMs: number;
  /** Maximum time a push waited in the consumers' process between arriving and being handled. */
  readonly handlingMs: number;
  /** How far apart the producer's and the consumers' clocks may read after syncing them. */
  readonly clockSyncMs: number;
}

export interface LiveResult {
  readonly result: StrategyResult;
  readonly live: LiveMeasures;
}

/** A push that reached the receiver, with the real time it arrived. */
interface QueuedMessage {
  readonly message: PushMessage;
  readonly arrivedAt: number;
}

interface SentResponse {
  readonly statusCode: number;
  readonly body: string;
}

const WARM_UP_REQUESTS = 5;
/** Real ms between telling the producer to start and the start, so both start together. */
const START_MARGIN_MS = 50;

/**
 * Runs one strategy over real HTTP on loopback: a fastify producer in a process of its own, a
 * fastify webhook receiver and undici clients in this one, all driven by the same strategy code
 * as the simulator. The modelled network delay is added by waiting before each send and after
 * each response.
 */
export async function runLive(world: World, options: LiveOptions): Promise<LiveResult> {
  checkKeyLists(world);
  const run = new LiveRun(world, options);
  return run.execute();
}

/** The maximum length of a key list, joined with commas, in a poll's query string. */
const MAX_KEY_LIST_BYTES = 8_000;

/**
 * Checks that each consumer's keys fit in a request line: polls and stream connects send them
 * in the query string, and Node's HTTP server refuses request headers past 16 kB with a 431.
 */
function checkKeyLists(world: World): void {
  world.consumers.forEach((consumer, id) => {
    const bytes = Buffer.byteLength(consumer.keys?.join(',') ?? '');
    if (bytes <= MAX_KEY_LIST_BYTES) return;

    throw new PollVsPushError(
      'PVP_RUN_TOO_LARGE',
      `consumer ${id} wants ${consumer.keys?.length} keys (${bytes} bytes), more than the ` +
        `${MAX_KEY_LIST_BYTES} bytes a live poll can carry in its query string; give consumers ` +
        'fewer keys, or run in the simulated mode',
    );
  });
}

class LiveRun {
  private readonly recorder: RunRecorder;
  private readonly network: Random;
  private readonly consumerRandom: Random;
  private readonly abort = createAbortController();
  private readonly inboxes: QueuedMessage[][];
  private readonly waiters: (((queued: QueuedMessage) => void) | undefined)[];
  private readonly secrets = new Map<number, string>();
  private readonly settings: ConsumerSettings;
  private readonly group: ProcessGroup;
  private readonly streams: LiveStreams;
  private clock: LiveClock;
  private producer: ProducerProcess | undefined;
  private receiver: ReceiverServer | undefined;
  private producerPool: Pool | undefined;
  private polls: LivePolls | undefined;
  private loopbackMs = 0;
  private handlingMs = 0;
  private clockSync = { offsetMs: 0, uncertaintyMs: 0 };
  private baseReceiverBytes = 0;
  private failure: unknown;
  private consumersIdle: () => void = () => {};

  constructor(
    private readonly world: World,
    private readonly options: LiveOptions,
  ) {
    this.recorder = new RunRecorder(
      world.log,
      world.consumers.map((consumer) => consumer.keys),
      { start: world.windowStart, end: world.windowEnd },
      (options.tuning ?? DEFAULT_TUNING).dedupe,
      false,
    );
    this.network = createStream(options.seed, `${options.strategy.name}/network`);
    this.consumerRandom = createStream(options.seed, `${options.strategy.name}/consumers`);
    this.inboxes = world.consumers.map(() => []);
    this.waiters = world.consumers.map(() => undefined);
    this.settings = {
      interval: options.interval,
      align: options.align,
      windowStart: world.windowStart,
      windowEnd: world.windowEnd,
      tuning: options.tuning ?? DEFAULT_TUNING,
    };
    this.clock = this.createClock(Number.POSITIVE_INFINITY);
    this.group = new ProcessGroup(
      (effect, consumer, clock) => this.perform(effect, consumer, clock),
      this.abort.signal,
      () => this.checkIdle(),
      (error) => this.fail(error),
    );
    options.signal?.addEventListener('abort', () => this.abort.abort(), { once: true });
    // An open stream keeps the run going like a running process. The producer ends each stream
    // once it has nothing more to send, so the run cannot end while a message may still come.
    this.streams = new LiveStreams({
      producerUrl: () => (this.producer as ProducerProcess).url,
      recorder: this.recorder,
      signal: this.abort.signal,
      networkDelay: (clock) => this.networkDelay(clock),
      noteLate: (time) => this.clock.noteLate(time),
      queueMessage: (consumer, message) => this.queueMessage(consumer, message),
      hold: () => this.group.wake(),
      release: () => this.group.pause(),
      fail: (error) => this.fail(error),
    });
  }

  async execute(): Promise<LiveResult> {
    try {
      await this.startServers();
      await this.warmUp();
      return await this.runAndMeasure();
    } catch (error: unknown) {
      this.producer?.kill();
      throw error;
    } finally {
      this.abort.abort();
      await this.producerPool?.destroy();
      await this.receiver?.close();
      await this.streams.close();
    }
  }

  private async startServers(): Promise<void> {
    this.receiver = await startReceiverServer({
      port: this.options.receiverPort ?? 0,
      secretFor: (consumer) => this.secrets.get(consumer),
      onMessage: (consumer, message) => this.queueMessage(consumer, message),
      dedupe: this.settings.tuning.dedupe,
      behaviour: new ReceiverBehaviour({
        faults: (this.options.faults ?? NO_FAULTS).consumer,
        tuning: this.settings.tuning,
        draws: createStream(this.options.seed, `${this.options.strategy.name}/faults`),
        clock: { now: () => this.clock.now(), sleepUntil: (time) => this.clock.sleepUntil(time) },
      }),
    });
    this.producer = await ProducerProcess.start({
      events: this.world.log.events,
      strategy: this.options.strategy.name,
      latency: this.options.latency,
      seed: this.options.seed,
      timeScale: this.options.timeScale,
      scenarioStart: this.world.windowStart - setupLead(this.options.latency),
      port: this.options.producerPort ?? 0,
      allowRemote: this.options.allowRemote ?? false,
      deliveryTimeoutMs:
        this.options.deliveryTimeoutMs ??
        this.settings.tuning.retry.timeoutMs / this.options.timeScale,
      tuning: this.settings.tuning,
      faults: this.options.faults ?? NO_FAULTS,
    });
    // A held long poll keeps its connection for the whole hold, so each consumer may need one.
    const connections = Math.max(64, this.world.consumers.length);
    this.producerPool = new Pool(this.producer.url, { connections });
    this.polls = new LivePolls({
      pool: this.producerPool,
      clock: () => this.clock,
      recorder: this.recorder,
      latency: this.options.latency,
      network: this.network,
      faultDraws: createStream(this.options.seed, `${this.options.strategy.name}/faults`),
      faults: this.options.faults ?? NO_FAULTS,
      tuning: this.settings.tuning,
      signal: this.abort.signal,
      onRoundTrip: (ms) => {
        this.loopbackMs = Math.max(this.loopbackMs, ms);
      },
    });
  }

  /**
   * Opens the connections the run will use and runs each route once, so that neither a
   * connection set-up nor a first compilation lands inside the run.
   */
  private async warmUp(): Promise<void> {
    const pool = this.producerPool as Pool;
    for (let request = 0; request < WARM_UP_REQUESTS; request++) {
      const response = await pool.request({
        method: 'GET',
        path: `/events?cursor=${this.world.log.size}`,
      });
      await response.body.dump();
    }

    await this.producer?.warmUp((this.receiver as ReceiverServer).url);
    this.clockSync = await (this.producer as ProducerProcess).clockOffset();
  }

  private async runAndMeasure(): Promise<LiveResult> {
    const producer = this.producer as ProducerProcess;
    const realStart = realNow() + START_MARGIN_MS;
    this.clock = this.createClock(realStart);
    this.baseReceiverBytes = this.receiverBytes();

    const pushDone = producer.run(realStart + this.clockSync.offsetMs);
    // A stopped run stops the producer, whose pending reply then fails; that is expected.
    pushDone.catch(() => undefined);

    const cpuBefore = process.cpuUsage();
    const started = await this.waitForStart(realStart);
    const consumersDone = started ? this.startConsumers() : Promise.resolve();

    // Work the receiver still does after its reply, such as a hand-off, ends the run too.
    const allDone = Promise.all([pushDone, consumersDone]).then(() => this.receiver?.drained());
    const completed = started && (await this.whenFinished(allDone));
    if (this.failure !== undefined) throw this.failure;

    const consumerCpu = process.cpuUsage(cpuBefore);
    const wallMs = realNow() - realStart;
    const stats = await producer.stop();
    return this.measure(completed, wallMs, consumerCpu, stats);
  }

  /** Waits for the common start time; false when the run was stopped before it. */
  private async waitForStart(realStart: number): Promise<boolean> {
    try {
      await this.clock.sleepUntilReal(realStart);
      return !this.abort.signal.aborted;
    } catch (error: unknown) {
      if (this.abort.signal.aborted) return false;
      throw error;
    }
  }

  /** Resolves true when `work` ends, or false as soon as the run is stopped. */
  private whenFinished(work: Promise<unknown>): Promise<boolean> {
    return new Promise((resolve, reject) => {
      work.then(() => resolve(true), reject);
      this.abort.signal.addEventListener('abort', () => resolve(false), { once: true });
    });
  }

  /** Starts every consumer; resolves when none is running and no push is left unhandled. */
  private startConsumers(): Promise<void> {
    const idle = new Promise<void>((resolve) => {
      this.consumersIdle = resolve;
    });
    const phases = drawPhases(this.world.consumers.length, this.consumerRandom);

    phases.forEach((phase, id) => {
      const clock = { now: this.clock.scenarioStart };
      const generator = this.options.strategy.consumer(this.consumerContext(id, phase, clock));
      this.group.start(generator, id, clock);
    });

    if (phases.length === 0) this.consumersIdle();
    return idle;
  }

  private checkIdle(): void {
    const queued = this.inboxes.some((inbox) => inbox.length > 0);
    if (this.group.active === 0 && !queued) this.consumersIdle();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.abort.abort();
  }

  private createClock(realStart: number): LiveClock {
    const scenarioStart = this.world.windowStart - setupLead(this.options.latency);
    return new LiveClock(scenarioStart, realStart, this.options.timeScale, this.abort.signal);
  }

  private async perform(effect: Effect, consumer: number, clock: ProcessClock): Promise<unknown> {
    switch (effect.type) {
      case 'sleep':
        clock.now = Math.max(clock.now, effect.until);
        return this.clock.sleepUntil(effect.until);
      case 'poll':
        return this.poll(effect, consumer, clock);
      case 'subscribe':
        return this.subscribe(effect, consumer, clock);
      case 'connect':
        return this.streams.connect(effect, consumer, clock);
      case 'receive': {
        const queued = await this.receive(consumer);
        this.handlingMs = Math.max(this.handlingMs, realNow() - queued.arrivedAt);
        clock.now = Math.max(clock.now, this.clock.now());
        return queued.message;
      }
      case 'spawn':
        this.group.start(effect.process, consumer, { now: clock.now });
        return undefined;
      default:
        throw new Error(`a consumer cannot perform a '${effect.type}' effect in live mode`);
    }
  }

  /** Waits out one modelled one-way network delay and moves the process clock past it. */
  private async networkDelay(clock: ProcessClock): Promise<void> {
    clock.now += Math.max(0, sample(this.options.latency, this.network));
    await this.clock.sleepUntil(clock.now);
  }

  private poll(effect: PollEffect, consumer: number, clock: ProcessClock): Promise<PollResponse> {
    return (this.polls as LivePolls).poll(effect, consumer, clock);
  }

  private async subscribe(
    effect: SubscribeEffect,
    consumer: number,
    clock: ProcessClock,
  ): Promise<Subscription> {
    await this.networkDelay(clock);
    const url = (this.receiver as ReceiverServer).urlFor(consumer);
    const response = await this.send({
      method: 'POST',
      path: '/subscriptions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, keys: effect.request.keys, consumer }),
    });
    if (response.statusCode !== 201) {
      throw new Error(`the producer rejected a subscription: ${response.body}`);
    }

    const body = JSON.parse(response.body) as { id: number; secret: string };
    this.secrets.set(consumer, body.secret);

    await this.networkDelay(clock);
    return {
      id: body.id,
      consumer,
      keys: effect.request.keys === undefined ? undefined : new Set(effect.request.keys),
      url,
      secret: body.secret,
    };
  }

  /** Sends one request to the producer and reads the whole response, noting the round trip. */
  private async send(request: Omit<Dispatcher.RequestOptions, 'signal'>): Promise<SentResponse> {
    const started = performance.now();
    const response = await (this.producerPool as Pool).request({
      ...request,
      signal: this.abort.signal,
    });
    const body = await response.body.text();

    this.loopbackMs = Math.max(this.loopbackMs, performance.now() - started);
    return { statusCode: response.statusCode, body };
  }

  private receive(consumer: number): Promise<QueuedMessage> {
    const queued = this.inboxes[consumer]?.shift();
    if (queued !== undefined) return Promise.resolve(queued);

    // A consumer waiting for a push is idle: the run may end while it waits.
    this.group.pause();
    return new Promise((resolve) => {
      this.waiters[consumer] = (next) => {
        this.group.wake();
        resolve(next);
      };
    });
  }

  private queueMessage(consumer: number, message: PushMessage): void {
    const queued = { message, arrivedAt: realNow() };
    const waiter = this.waiters[consumer];
    if (waiter === undefined) {
      this.inboxes[consumer]?.push(queued);
      return;
    }

    this.waiters[consumer] = undefined;
    waiter(queued);
  }

  /**
   * Builds a consumer's context. Its `now` is the process clock, so the strategy decides as it
   * would in the simulator. Its `handle` stamps events with the real clock, so latencies are real.
   */
  private consumerContext(id: number, phase: number, clock: ProcessClock): ConsumerContext {
    return {
      id,
      keys: this.world.consumers[id]?.keys,
      random: this.consumerRandom,
      phase,
      settings: this.settings,
      now: () => (this.group.current ?? clock).now,
      handle: (events) => this.recorder.handle(id, events, this.clock.now()),
    };
  }

  private receiverBytes(): number {
    const bytes = this.receiver?.bytes();
    return bytes === undefined ? 0 : bytes.read + bytes.written;
  }

  private measure(
    completed: boolean,
    wallMs: number,
    consumerCpu: NodeJS.CpuUsage,
    stats: ProducerStats | undefined,
  ): LiveResult {
    const producerBytes = stats?.bytes ?? 0;
    const receiverBytes = this.receiverBytes() - this.baseReceiverBytes;
    this.recorder.addProducerCounts({
      deliveries: stats?.deliveries ?? 0,
      failedDeliveries: stats?.failedDeliveries,
      retries: stats?.retries,
      resets: stats?.resets ?? 0,
    });
    this.recorder.addBytes(producerBytes + receiverBytes);

    return {
      result: this.withReceiverDuplicates(
        this.recorder.result(
          this.options.strategy.name,
          completed ? Number.POSITIVE_INFINITY : this.clock.now(),
        ),
      ),
      live: {
        timeScale: this.options.timeScale,
        bytes: {
          producer: producerBytes,
          receiver: receiverBytes,
          total: producerBytes + receiverBytes,
        },
        producerCpuMs: stats?.cpuMs ?? 0,
        consumerCpuMs: (consumerCpu.user + consumerCpu.system) / 1000,
        wallMs,
        failedDeliveries: stats?.failedDeliveries ?? 0,
        receiver: (this.receiver as ReceiverServer).stats,
        slack: {
          loopbackMs: Math.max(this.loopbackMs, stats?.loopbackMs ?? 0),
          lateMs: Math.max(this.clock.lateMs, stats?.lateMs ?? 0),
          handlingMs: this.handlingMs,
          clockSyncMs: this.clockSync.uncertaintyMs,
        },
        completed,
      },
    };
  }

  /**
   * Counts the copies the receiver dropped by `webhook-id` as dropped duplicates, as the
   * simulator counts the copies its consumers drop, so the figure means the same in both modes.
   */
  private withReceiverDuplicates(result: StrategyResult): StrategyResult {
    const dropped = this.receiver?.stats.duplicates ?? 0;
    const duplicatesDropped = result.events.duplicatesDropped + dropped;
    return { ...result, events: { ...result.events, duplicatesDropped } };
  }
}
