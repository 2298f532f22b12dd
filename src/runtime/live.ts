import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import { sample } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import { createStream } from '../engine/random.ts';
import type { HttpServer } from '../live/http-server.ts';
import { SCENARIO_TIME_HEADER, startProducerServer } from '../live/producer-server.ts';
import type { ReceiverServer, ReceiverStats } from '../live/receiver-server.ts';
import { startReceiverServer } from '../live/receiver-server.ts';
import { WebhookSender } from '../live/webhook-sender.ts';
import { RunRecorder } from '../metrics/recorder.ts';
import type { StrategyResult } from '../metrics/result.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { PollResponse, ProducerState, PushMessage, Subscription } from '../model/producer.ts';
import { createProducerState, subscribersFor } from '../model/producer.ts';
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
  SubscribeEffect,
} from '../strategies/effects.ts';
import type { SimulationOptions } from './sim.ts';
import { drawPhases, SETUP_LEAD_MS } from './sim.ts';

export interface LiveOptions extends SimulationOptions {
  /** Scenario ms that pass per real ms, such as 600 for ten minutes a second. */
  readonly timeScale: number;
  readonly producerPort?: number;
  readonly receiverPort?: number;
  /** Accepts webhook URLs on hosts other than loopback. */
  readonly allowRemote?: boolean;
  /** Real ms a delivery may take before it counts as failed. */
  readonly deliveryTimeoutMs?: number;
  /** Stops the run early, as Ctrl-C does; the result then covers what happened so far. */
  readonly signal?: AbortSignal;
}

/** What a live run measures beyond the simulator's figures. */
export interface LiveMeasures {
  /** Scenario ms per real ms in this run. */
  readonly timeScale: number;
  /** Bytes on the wire both ways, headers included, counted on the servers' sockets. */
  readonly bytes: { readonly polling: number; readonly push: number; readonly total: number };
  /** CPU time of the whole process, producer and consumers together, in ms. */
  readonly processCpuMs: number;
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
  /** Latest that a timer fired after it was due. */
  readonly timerMs: number;
}

const WARM_UP_REQUESTS = 5;

interface SentResponse {
  readonly statusCode: number;
  readonly body: string;
}

export interface LiveResult {
  readonly result: StrategyResult;
  readonly live: LiveMeasures;
}

const PRODUCER = -1;
const DEFAULT_DELIVERY_TIMEOUT_MS = 5_000;

/**
 * A process's own scenario clock: the time at which the simulator would be running it. Timers
 * fire a little late, so the real clock runs ahead of this one. Decisions and the times sent to
 * the producer follow this clock, while latencies use the real one.
 */
interface Clock {
  now: number;
}

/**
 * Runs one strategy over real HTTP on loopback: a fastify producer, a fastify webhook receiver,
 * and undici clients, all driven by the same strategy code as the simulator. The modelled
 * network delay is added by waiting before each send and after each response.
 */
export async function runLive(world: World, options: LiveOptions): Promise<LiveResult> {
  const run = new LiveRun(world, options);
  return run.execute();
}

class LiveRun {
  private readonly recorder: RunRecorder;
  private readonly network: Random;
  private readonly consumerRandom: Random;
  private readonly state: ProducerState;
  private readonly abort = new AbortController();
  private readonly inboxes: PushMessage[][];
  private readonly waiters: (((message: PushMessage) => void) | undefined)[];
  private readonly secrets = new Map<number, string>();
  private readonly settings: ConsumerSettings;
  private scenarioStart = 0;
  private realStart = 0;
  private running = 0;
  private failedDeliveries = 0;
  private finish: () => void = () => {};
  private producer: HttpServer | undefined;
  private receiver: ReceiverServer | undefined;
  private producerPool: Pool | undefined;
  private readonly sender: WebhookSender;
  private nextEventIndex = 0;
  private readonly slack = { loopbackMs: 0, timerMs: 0 };
  private baseBytes = 0;
  private basePushBytes = 0;

  constructor(
    private readonly world: World,
    private readonly options: LiveOptions,
  ) {
    this.recorder = new RunRecorder(
      world.log,
      world.consumers.map((consumer) => consumer.keys),
    );
    this.network = createStream(options.seed, `${options.strategy.name}/network`);
    this.consumerRandom = createStream(options.seed, `${options.strategy.name}/consumers`);
    this.state = createProducerState(world.log);
    this.inboxes = world.consumers.map(() => []);
    this.waiters = world.consumers.map(() => undefined);
    this.settings = {
      interval: options.interval,
      align: options.align,
      windowStart: world.windowStart,
      windowEnd: world.windowEnd,
    };
    options.signal?.addEventListener('abort', () => this.abort.abort(), { once: true });
    this.sender = new WebhookSender({
      timeoutMs: options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
      signal: this.abort.signal,
      onRoundTrip: (ms) => this.noteRoundTrip(ms),
    });
  }

  async execute(): Promise<LiveResult> {
    await this.startServers();

    try {
      await this.warmUp();
      const cpuBefore = process.cpuUsage();
      const wallStart = performance.now();
      const completed = await this.runProcesses();
      return this.measure(completed, performance.now() - wallStart, cpuBefore);
    } finally {
      await this.stopServers();
    }
  }

  private async startServers(): Promise<void> {
    this.producer = await startProducerServer({
      state: this.state,
      now: () => this.now(),
      port: this.options.producerPort ?? 0,
      allowRemote: this.options.allowRemote ?? false,
    });
    this.receiver = await startReceiverServer({
      port: this.options.receiverPort ?? 0,
      secretFor: (consumer) => this.secrets.get(consumer),
      onMessage: (consumer, message) => this.queueMessage(consumer, message),
    });
    this.producerPool = new Pool(this.producer.url, { connections: 64 });
  }

  private async stopServers(): Promise<void> {
    this.abort.abort();
    await Promise.all([this.producerPool?.destroy(), this.sender.close()]);
    await Promise.all([this.producer?.close(), this.receiver?.close()]);
  }

  /**
   * Opens the connections the run will use and runs each route once, so that neither a
   * connection set-up nor a first compilation lands inside the run. Bytes of these requests are
   * subtracted from the run's counts.
   */
  private async warmUp(): Promise<void> {
    const receiverUrl = (this.receiver as ReceiverServer).url;

    for (let request = 0; request < WARM_UP_REQUESTS; request++) {
      await this.get(this.producerPool as Pool, `/events?cursor=${this.world.log.size}`);
      await this.get(this.sender.poolFor(receiverUrl), '/health');
    }

    this.baseBytes = sumBytes(this.producer) + sumBytes(this.receiver);
    this.basePushBytes = sumBytes(this.receiver);
  }

  private async get(pool: Pool, path: string): Promise<void> {
    const response = await pool.request({ method: 'GET', path, signal: this.abort.signal });
    await response.body.dump();
  }

  /** Runs every process; resolves true when all ended by themselves, false when stopped. */
  private runProcesses(): Promise<boolean> {
    const done = new Promise<boolean>((resolve) => {
      this.finish = () => resolve(true);
      this.abort.signal.addEventListener('abort', () => resolve(false), { once: true });
    });

    this.scenarioStart = this.world.windowStart - SETUP_LEAD_MS;
    this.realStart = performance.now();
    this.startProcesses();
    return done;
  }

  private startProcesses(): void {
    const { strategy } = this.options;

    if (strategy.producer !== undefined) {
      const clock = { now: this.scenarioStart };
      this.start(strategy.producer(this.producerContext(clock)), PRODUCER, clock);
    }

    const phases = drawPhases(this.world.consumers.length, this.consumerRandom);
    phases.forEach((phase, id) => {
      const clock = { now: this.scenarioStart };
      const generator = strategy.consumer(this.consumerContext(id, phase, clock));
      this.start(generator, id, clock);
    });
  }

  /** Starts a process whose clock is `clock`, shared with the context its generator reads. */
  private start(generator: StrategyProcess, consumer: number, clock: Clock): void {
    this.running++;
    void this.drive(generator, consumer, clock).finally(() => this.settle());
  }

  /** Steps a process, performing each effect for real, until it ends or the run stops. */
  private async drive(generator: StrategyProcess, consumer: number, clock: Clock): Promise<void> {
    let input: unknown;

    try {
      for (;;) {
        const step = generator.next(input);
        if (step.done === true) return;
        input = await this.perform(step.value, consumer, clock);
      }
    } catch (error: unknown) {
      if (!this.abort.signal.aborted) throw error;
    }
  }

  private settle(): void {
    this.running--;
    const queued = this.inboxes.some((inbox) => inbox.length > 0);
    if (this.running === 0 && !queued) this.finish();
  }

  private async perform(effect: Effect, consumer: number, clock: Clock): Promise<unknown> {
    switch (effect.type) {
      case 'sleep':
        clock.now = Math.max(clock.now, effect.until);
        return this.sleepUntil(effect.until);
      case 'poll':
        return this.poll(effect, consumer, clock);
      case 'subscribe':
        return this.subscribe(effect, consumer, clock);
      case 'receive': {
        const message = await this.receive(consumer);
        clock.now = Math.max(clock.now, this.now());
        return message;
      }
      case 'next-event':
        return this.nextEvent(clock);
      case 'deliver':
        return this.deliver(effect, clock);
      case 'spawn': {
        const child = { now: clock.now };
        this.start(effect.process, consumer, child);
        return undefined;
      }
    }
  }

  /** Current scenario time from the real clock. */
  now(): number {
    return this.scenarioStart + (performance.now() - this.realStart) * this.options.timeScale;
  }

  /** Waits until scenario time `until` on the real clock, and notes how late the timer was. */
  private async sleepUntil(until: number): Promise<void> {
    const due = this.realStart + (until - this.scenarioStart) / this.options.timeScale;
    const wait = due - performance.now();
    if (wait <= 0) return;

    await sleep(wait, undefined, { signal: this.abort.signal });
    this.slack.timerMs = Math.max(this.slack.timerMs, performance.now() - due);
  }

  /** Sends one request and reads the whole response, noting the round trip. */
  private async send(pool: Pool, options: Dispatcher.RequestOptions): Promise<SentResponse> {
    const started = performance.now();
    const response = await pool.request(options);
    const body = await response.body.text();
    this.noteRoundTrip(performance.now() - started);
    return { statusCode: response.statusCode, body };
  }

  private noteRoundTrip(ms: number): void {
    this.slack.loopbackMs = Math.max(this.slack.loopbackMs, ms);
  }

  /** Waits out one modelled one-way network delay and moves the process clock past it. */
  private async networkDelay(clock: Clock): Promise<void> {
    const delay = Math.max(0, sample(this.options.latency, this.network));
    clock.now += delay;
    await this.sleepUntil(clock.now);
  }

  private async poll(effect: PollEffect, consumer: number, clock: Clock): Promise<PollResponse> {
    await this.networkDelay(clock);
    const query = new URLSearchParams({ cursor: String(effect.cursor) });
    if (effect.keys !== undefined) query.set('keys', effect.keys.join(','));

    const response = await this.send(this.producerPool as Pool, {
      method: 'GET',
      path: `/events?${query}`,
      headers: { [SCENARIO_TIME_HEADER]: String(clock.now) },
      signal: this.abort.signal,
    });
    const body = JSON.parse(response.body) as PollResponse;

    await this.networkDelay(clock);
    this.recorder.countResponse(consumer, body.events);
    return body;
  }

  private async subscribe(
    effect: SubscribeEffect,
    consumer: number,
    clock: Clock,
  ): Promise<Subscription> {
    await this.networkDelay(clock);
    const url = (this.receiver as ReceiverServer).urlFor(consumer);
    const response = await this.send(this.producerPool as Pool, {
      method: 'POST',
      path: '/subscriptions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, keys: effect.request.keys, consumer }),
      signal: this.abort.signal,
    });
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

  private receive(consumer: number): Promise<PushMessage> {
    const queued = this.inboxes[consumer]?.shift();
    if (queued !== undefined) return Promise.resolve(queued);

    // A process waiting for a push is idle: the run may end while it waits.
    this.settle();
    return new Promise((resolve) => {
      this.waiters[consumer] = (message) => {
        this.running++;
        resolve(message);
      };
    });
  }

  private queueMessage(consumer: number, message: PushMessage): void {
    const waiter = this.waiters[consumer];
    if (waiter === undefined) {
      this.inboxes[consumer]?.push(message);
      return;
    }

    this.waiters[consumer] = undefined;
    waiter(message);
  }

  private async nextEvent(clock: Clock): Promise<ProducerEvent | undefined> {
    const event = this.world.log.events[this.nextEventIndex];
    if (event === undefined) return undefined;

    this.nextEventIndex++;
    clock.now = Math.max(clock.now, event.time);
    await this.sleepUntil(event.time);
    return event;
  }

  private async deliver(effect: DeliverEffect, clock: Clock): Promise<DeliveryResult> {
    this.recorder.countDelivery();
    await this.networkDelay(clock);

    const outcome = await this.sender.post(effect.subscription, effect.message);
    const ok = outcome.state === 'delivered';
    if (!ok) this.failedDeliveries++;

    await this.networkDelay(clock);
    return ok ? { state: 'delivered' } : { state: 'failed' };
  }

  /**
   * Builds a consumer's context. Its `now` is the process clock, so the strategy decides as it
   * would in the simulator; `handle` stamps events with the real clock, so latencies are real.
   */
  private consumerContext(id: number, phase: number, clock: Clock): ConsumerContext {
    return {
      id,
      keys: this.world.consumers[id]?.keys,
      random: this.consumerRandom,
      phase,
      settings: this.settings,
      now: () => clock.now,
      handle: (events) => this.recorder.handle(id, events, this.now()),
    };
  }

  private producerContext(clock: Clock): ProducerContext {
    return {
      random: this.network,
      now: () => clock.now,
      subscribersFor: (event) => subscribersFor(this.state, event),
    };
  }

  private measure(completed: boolean, wallMs: number, cpuBefore: NodeJS.CpuUsage): LiveResult {
    const cpu = process.cpuUsage(cpuBefore);
    const push = sumBytes(this.receiver) - this.basePushBytes;
    const polling = sumBytes(this.producer) + sumBytes(this.receiver) - this.baseBytes - push;

    return {
      result: this.recorder.result(this.options.strategy.name),
      live: {
        timeScale: this.options.timeScale,
        bytes: { polling, push, total: polling + push },
        processCpuMs: (cpu.user + cpu.system) / 1000,
        wallMs,
        failedDeliveries: this.failedDeliveries,
        receiver: (this.receiver as ReceiverServer).stats,
        slack: { ...this.slack },
        completed,
      },
    };
  }
}

function sumBytes(server: HttpServer | undefined): number {
  if (server === undefined) return 0;
  const { read, written } = server.bytes();
  return read + written;
}
