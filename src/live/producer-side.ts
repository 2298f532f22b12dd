import type { Pool } from 'undici';
import type { Distribution } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import { createStream } from '../engine/random.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import { EventLog } from '../model/event-log.ts';
import type { Faults } from '../model/faults.ts';
import type { ProducerState } from '../model/producer.ts';
import { createProducerState, subscribersFor } from '../model/producer.ts';
import { ProducerGate } from '../model/producer-gate.ts';
import type { ProcessClock } from '../runtime/live-clock.ts';
import { createAbortController, LiveClock } from '../runtime/live-clock.ts';
import { ProcessGroup } from '../runtime/live-processes.ts';
import { SimNetwork } from '../runtime/sim-network.ts';
import type {
  DeliverEffect,
  DeliveryResult,
  Effect,
  ProducerContext,
} from '../strategies/effects.ts';
import { findStrategy } from '../strategies/index.ts';
import type { StrategyTuning } from '../strategies/tuning.ts';
import type { AttemptTiming } from './delivery-attempt.ts';
import { runAttempt } from './delivery-attempt.ts';
import { HeldPolls } from './held-polls.ts';
import type { HttpServer } from './http-server.ts';
import { startProducerServer } from './producer-server.ts';
import { StreamHub } from './stream-hub.ts';
import { WebhookSender } from './webhook-sender.ts';

/** Everything the producer's process needs; plain data, so it can cross a process boundary. */
export interface ProducerSideOptions {
  readonly events: readonly ProducerEvent[];
  readonly strategy: string;
  readonly latency: Distribution;
  readonly seed: number;
  readonly timeScale: number;
  readonly scenarioStart: number;
  readonly port: number;
  readonly allowRemote: boolean;
  /** Real ms a delivery attempt may take, network delays included, before it fails. */
  readonly deliveryTimeoutMs: number;
  readonly tuning: StrategyTuning;
  readonly faults: Faults;
}

/** Work and cost of the producer's side. Bytes and CPU exclude the warm-up. */
export interface ProducerStats {
  readonly deliveries: number;
  /** Webhook deliveries that were not a push's first attempt. */
  readonly retries: number;
  readonly failedDeliveries: number;
  readonly bytes: number;
  readonly cpuMs: number;
  /** Latest that a delivery went out after its scenario time, timer lateness included. */
  readonly lateMs: number;
  readonly loopbackMs: number;
  /** Connections the producer cut: stream drops, outages and idle cuts. */
  readonly resets: number;
}

const WARM_UP_REQUESTS = 5;

/**
 * The producer of a live run: its HTTP API, and its push side (such as the webhook emitter)
 * driven by the strategy's producer code. It runs in a process of its own, so that its CPU time
 * and bytes are its own.
 */
export class ProducerSide {
  private readonly abort = createAbortController();
  private readonly state: ProducerState;
  private readonly network: Random;
  private readonly sender: WebhookSender;
  /** The modelled wire of webhook posts and their replies: delays, and losses when faulty. */
  private readonly wire: SimNetwork;
  private readonly streams: StreamHub;
  private readonly heldPolls: HeldPolls;
  private clock: LiveClock;
  private server: HttpServer | undefined;
  private nextEventIndex = 0;
  private deliveries = 0;
  private retries = 0;
  private failedDeliveries = 0;
  private loopbackMs = 0;
  private baseBytes = 0;
  private baseCpu: NodeJS.CpuUsage | undefined;

  constructor(private readonly options: ProducerSideOptions) {
    this.state = createProducerState(new EventLog(options.events));
    this.network = createStream(options.seed, `${options.strategy}/network`);
    this.clock = new LiveClock(
      options.scenarioStart,
      Number.POSITIVE_INFINITY,
      1,
      this.abort.signal,
    );
    this.wire = new SimNetwork(
      options.latency,
      options.faults.network,
      this.network,
      createStream(options.seed, `${options.strategy}/faults`),
    );
    this.sender = new WebhookSender({
      timeoutMs: options.deliveryTimeoutMs,
      signal: this.abort.signal,
      onRoundTrip: (ms) => {
        this.loopbackMs = Math.max(this.loopbackMs, ms);
      },
    });
    this.streams = new StreamHub({
      state: this.state,
      faults: options.faults,
      latency: options.latency,
      random: this.network,
      now: () => this.now(),
    });
    this.heldPolls = new HeldPolls(this.state.log, options.faults, {
      realDelayUntil: (time) => Math.max(0, (time - this.now()) / this.clock.timeScale),
      noteLate: (time) => this.clock.noteLate(time),
    });
  }

  /** Starts the HTTP API and returns its base URL. */
  async listen(): Promise<string> {
    this.server = await startProducerServer({
      state: this.state,
      now: () => this.now(),
      port: this.options.port,
      allowRemote: this.options.allowRemote,
      streams: this.streams,
      gate: new ProducerGate(this.options.faults.producer),
      heldPolls: this.heldPolls,
    });
    return this.server.url;
  }

  /** Opens the connections to the receiver ahead of the run. */
  async warmUp(receiverUrl: string): Promise<void> {
    const pool: Pool = this.sender.poolFor(receiverUrl);
    for (let request = 0; request < WARM_UP_REQUESTS; request++) {
      const response = await pool.request({ method: 'GET', path: '/health' });
      await response.body.dump();
    }
  }

  /** Runs the push side from `realStart` (epoch ms) until it has sent everything. */
  run(realStart: number): Promise<void> {
    const { scenarioStart, timeScale } = this.options;
    this.clock = new LiveClock(scenarioStart, realStart, timeScale, this.abort.signal);
    this.streams.start(this.clock);
    this.baseBytes = this.bytes();
    this.baseCpu = process.cpuUsage();

    const strategy = findStrategy(this.options.strategy);
    if (strategy?.producer === undefined) return Promise.resolve();

    return new Promise((resolve, reject) => {
      const group: ProcessGroup = new ProcessGroup(
        (effect, _consumer, clock): Promise<unknown> => this.perform(effect, clock, group),
        this.abort.signal,
        resolve,
        reject,
      );
      const clock = { now: scenarioStart };
      group.start(strategy.producer!(this.context(clock, group)), -1, clock);
    });
  }

  /** Stops everything, closes the server and returns the figures. */
  async stop(): Promise<ProducerStats> {
    const cpu = process.cpuUsage(this.baseCpu);
    const bytes = this.bytes() - this.baseBytes;
    this.abort.abort();
    await this.sender.close();
    // A held long poll keeps its connection busy, and closing the server waits for those.
    this.heldPolls.close();
    await this.server?.close();

    const streams = this.streams.stats;
    return {
      deliveries: this.deliveries + streams.deliveries,
      retries: this.retries,
      failedDeliveries: this.failedDeliveries,
      bytes,
      cpuMs: this.baseCpu === undefined ? 0 : (cpu.user + cpu.system) / 1000,
      lateMs: this.clock.lateMs,
      loopbackMs: this.loopbackMs,
      resets: streams.resets + this.heldPolls.cuts,
    };
  }

  private now(): number {
    return Number.isFinite(this.clock.realStart) ? this.clock.now() : this.options.scenarioStart;
  }

  private bytes(): number {
    if (this.server === undefined) return 0;
    const { read, written } = this.server.bytes();
    return read + written;
  }

  private async perform(
    effect: Effect,
    clock: ProcessClock,
    group: ProcessGroup,
  ): Promise<unknown> {
    switch (effect.type) {
      case 'sleep':
        clock.now = Math.max(clock.now, effect.until);
        return this.clock.sleepUntil(effect.until);
      case 'next-event':
        return this.nextEvent(clock);
      case 'deliver':
        return this.deliver(effect, clock);
      case 'spawn':
        group.start(effect.process, -1, { now: clock.now });
        return undefined;
      default:
        throw new Error(`the producer's side cannot perform a '${effect.type}' effect`);
    }
  }

  private async nextEvent(clock: ProcessClock): Promise<ProducerEvent | undefined> {
    const event = this.state.log.events[this.nextEventIndex];
    if (event === undefined) return undefined;

    this.nextEventIndex++;
    clock.now = Math.max(clock.now, event.time);
    await this.clock.sleepUntil(event.time);
    return event;
  }

  /**
   * Sends one delivery attempt. Its deadline is the timeout after it starts, in scenario time,
   * and the post gets what is left of it once the outbound delay is over. That is measured on
   * the process clock, so a post that goes out late in real time still gets the whole of it.
   */
  private async deliver(effect: DeliverEffect, clock: ProcessClock): Promise<DeliveryResult> {
    this.deliveries++;
    if (effect.attempt > 0) this.retries++;

    const timing: AttemptTiming = {
      clock,
      deadline: clock.now + this.options.deliveryTimeoutMs * this.options.timeScale,
      timeScale: this.options.timeScale,
      realNow: () => this.clock.now(),
      transit: () => this.wire.transit(),
      sleepUntil: (time) => this.clock.sleepUntil(time),
    };
    const result = await runAttempt(timing, (timeoutMs) => {
      this.clock.noteLate(clock.now);
      const post = { timeoutMs, scenarioTime: clock.now };
      return this.sender.post(effect.subscription, effect.message, post);
    });

    if (result.state === 'failed') this.failedDeliveries++;
    return result;
  }

  private context(clock: ProcessClock, group: ProcessGroup): ProducerContext {
    return {
      random: this.network,
      tuning: this.options.tuning,
      faults: this.options.faults.emitter,
      now: () => (group.current ?? clock).now,
      subscribersFor: (event) => subscribersFor(this.state, event),
    };
  }
}
