import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ErrorCode } from '../errors.ts';
import { ERROR_CODES, PollVsPushError } from '../errors.ts';
import { realNow } from '../runtime/live-clock.ts';
import type { FromProducer, ToProducer } from './producer-protocol.ts';
import type { ProducerSideOptions, ProducerStats } from './producer-side.ts';

const HOST = fileURLToPath(new URL('./producer-host.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** How long the producer's process may take to reply to a set-up message, in real ms. */
const SETUP_TIMEOUT_MS = 30_000;

type Waiter = { resolve: (message: FromProducer) => void; reject: (error: Error) => void };

/**
 * The parent's handle on the producer's process of a live run. Each call sends one message and
 * waits for the reply it expects; an early exit of the child fails whatever is waiting.
 */
export class ProducerProcess {
  private readonly waiters = new Map<FromProducer['type'], Waiter>();
  private exited: Error | undefined;
  private baseUrl = '';

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromProducer) => this.receive(message));
    child.on('exit', (code, signal) => this.onExit(code, signal));
  }

  /** Base URL of the producer's HTTP API. */
  get url(): string {
    return this.baseUrl;
  }

  /** Starts the producer's process and its HTTP API. */
  static async start(options: ProducerSideOptions): Promise<ProducerProcess> {
    const child = fork(HOST, [], {
      execArgv: ['--import', TSX],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Ctrl-C in a terminal sends SIGINT to the whole foreground process group, which would
      // kill this process before the parent could ask for its figures. In a group of its own it
      // is stopped over IPC instead. A detached child on Windows gets a console window of its own.
      // NOTE: Windows therefore keeps the shared group, and Ctrl-C there may still end the
      // producer before the report.
      detached: process.platform !== 'win32',
    });
    const handle = new ProducerProcess(child);

    try {
      const ready = await handle.request({ type: 'init', options }, 'ready', SETUP_TIMEOUT_MS);
      if (ready.type === 'ready') handle.baseUrl = ready.url;
      return handle;
    } catch (error: unknown) {
      handle.kill();
      throw error;
    }
  }

  /** Has the producer open its connections to the receiver. */
  async warmUp(receiverUrl: string): Promise<void> {
    await this.request({ type: 'warm', receiverUrl }, 'warmed', SETUP_TIMEOUT_MS);
  }

  /**
   * Estimates how far the producer's real clock reads ahead of this process's, in ms, from the
   * fastest of several round trips, and returns it with its uncertainty (half that round trip).
   * Each process reads its clock from its own start time, so the two can differ by a little.
   */
  async clockOffset(samples = 10): Promise<{ offsetMs: number; uncertaintyMs: number }> {
    let best = { offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY };

    for (let sample = 0; sample < samples; sample++) {
      const sent = realNow();
      const answer = await this.request({ type: 'clock' }, 'clock', SETUP_TIMEOUT_MS);
      const received = realNow();
      const half = (received - sent) / 2;

      if (answer.type === 'clock' && half < best.uncertaintyMs) {
        best = { offsetMs: answer.now - (sent + half), uncertaintyMs: half };
      }
    }

    return best;
  }

  /** Starts the push side at `realStart`, read on the producer's clock; resolves when done. */
  async run(realStart: number): Promise<void> {
    await this.request({ type: 'go', realStart }, 'idle');
  }

  /** Stops the producer, waits for its process to exit, and returns its figures. */
  async stop(): Promise<ProducerStats | undefined> {
    if (this.exited !== undefined) return undefined;

    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const answer = await this.request({ type: 'stop' }, 'stats', SETUP_TIMEOUT_MS);
    await exit;
    return answer.type === 'stats' ? answer.stats : undefined;
  }

  /** Ends the process at once, for when the run failed. */
  kill(): void {
    if (this.exited === undefined) this.child.kill();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = new Error(`the producer process exited (code ${code}, signal ${signal})`);
    for (const waiter of this.waiters.values()) waiter.reject(this.exited);
    this.waiters.clear();
  }

  private receive(message: FromProducer): void {
    if (message.type === 'failed') {
      const error = isErrorCode(message.code)
        ? new PollVsPushError(message.code, message.message)
        : new Error(`the producer process failed: ${message.message}`);
      for (const waiter of this.waiters.values()) waiter.reject(error);
      this.waiters.clear();
      return;
    }

    const waiter = this.waiters.get(message.type);
    this.waiters.delete(message.type);
    waiter?.resolve(message);
  }

  private request(
    message: ToProducer,
    expected: FromProducer['type'],
    timeoutMs?: number,
  ): Promise<FromProducer> {
    if (this.exited !== undefined) return Promise.reject(this.exited);

    return new Promise((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(
              () =>
                reject(
                  new Error(`the producer process did not reply to '${message.type}' in time`),
                ),
              timeoutMs,
            );
      const settle = () => clearTimeout(timer);

      this.waiters.set(expected, {
        resolve: (answer) => {
          settle();
          resolve(answer);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.child.send(message);
    });
  }
}

function isErrorCode(code: string | undefined): code is ErrorCode {
  return code !== undefined && Object.hasOwn(ERROR_CODES, code);
}
