import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from './spawn.ts';

/**
 * The servers of the live benchmarks: the producer's API, a bare fastify route that sends the
 * same poll response, the project's webhook receiver, which checks signatures, and a bare
 * fastify route that responds to every post with 204.
 */
export type ServerKind = 'producer' | 'bare-poll' | 'receiver' | 'bare-receiver';

/** Messages from the parent: open a CPU window, close it, or shut the server down. */
export type ToServer = { readonly type: 'mark' } | { readonly type: 'measure' | 'close' };

/** Messages from the server's process. `measured` carries the CPU time since `mark`, in µs. */
export type FromServer =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'marked' }
  | { readonly type: 'measured'; readonly cpuMicros: number }
  | { readonly type: 'failed'; readonly message: string };

const ENTRY = fileURLToPath(new URL('./live-server.ts', import.meta.url));

/** Real ms a server may take to start or to reply to one message before the benchmark fails. */
const ANSWER_TIMEOUT_MS = 30_000;

/** Real ms a server may take to exit after `close` before it is killed. */
const EXIT_TIMEOUT_MS = 5000;

/**
 * The parent's handle on one server process. The parent sends one message at a time and waits
 * for its reply. An exit of the child fails the wait, and the error includes the child's stderr.
 */
export class ServerChild {
  private readonly stderr: Buffer[] = [];
  private readonly exited: Promise<void>;
  private exitError: Error | undefined;
  private waiter: ((message: FromServer) => void) | undefined;
  private failWaiter: ((error: Error) => void) | undefined;

  private constructor(
    readonly kind: ServerKind,
    private readonly child: ChildProcess,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    child.on('message', (message: FromServer) => this.receive(message));
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.onExit(code, signal);
        resolve();
      });
      // A process that failed to spawn has no pid and never emits 'exit'.
      child.on('error', (error) => {
        this.failWaiter?.(error);
        if (child.pid === undefined) {
          this.exitError = error;
          resolve();
        }
      });
    });
  }

  /** Starts a server of `kind` in a new process and returns its handle and base URL. */
  static async start(kind: ServerKind): Promise<{ server: ServerChild; url: string }> {
    const child = fork(ENTRY, [kind], {
      cwd: PROJECT_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const server = new ServerChild(kind, child);

    try {
      const ready = await server.await('ready');
      return { server, url: ready.type === 'ready' ? ready.url : '' };
    } catch (error: unknown) {
      await server.close();
      throw error;
    }
  }

  /** Has the server read its CPU time, so that `measure` returns the time used after this. */
  async mark(): Promise<void> {
    const reply = this.await('marked');
    this.send({ type: 'mark' });
    await reply;
  }

  /** Returns the server process's CPU time (user and system) since `mark`, in µs. */
  async measure(): Promise<number> {
    const reply = this.await('measured');
    this.send({ type: 'measure' });
    const measured = await reply;
    return measured.type === 'measured' ? measured.cpuMicros : 0;
  }

  /** Closes the server and waits for its process to exit, killing it if it does not. */
  async close(): Promise<void> {
    if (this.exitError !== undefined) return;
    this.send({ type: 'close' });

    const timer = setTimeout(() => this.child.kill(), EXIT_TIMEOUT_MS);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a message. A failed send fails the current wait instead of throwing. */
  private send(message: ToServer): void {
    if (!this.child.connected) return;
    this.child.send(message, (error: Error | null) => {
      if (error !== null) this.failWaiter?.(error);
    });
  }

  private await(expected: FromServer['type']): Promise<FromServer> {
    if (this.exitError !== undefined) return Promise.reject(this.exitError);

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.failWaiter?.(new Error(`the ${this.kind} server did not send '${expected}'`));
      }, ANSWER_TIMEOUT_MS);
      const settle = () => {
        clearTimeout(timer);
        this.waiter = undefined;
        this.failWaiter = undefined;
      };

      this.waiter = (message) => {
        settle();
        if (message.type === expected) resolve(message);
        else reject(this.unexpected(message, expected));
      };
      this.failWaiter = (error) => {
        settle();
        reject(error);
      };
    });
  }

  private receive(message: FromServer): void {
    this.waiter?.(message);
  }

  private unexpected(message: FromServer, expected: string): Error {
    const detail = message.type === 'failed' ? `: ${message.message}` : '';
    return new Error(`the ${this.kind} server sent '${message.type}', not '${expected}'${detail}`);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const stderr = Buffer.concat(this.stderr).toString('utf8').trim();
    const status = signal === null ? `exit code ${code}` : `signal ${signal}`;
    this.exitError = new Error(`the ${this.kind} server exited with ${status}\n${stderr}`.trim());
    this.failWaiter?.(this.exitError);
  }
}
