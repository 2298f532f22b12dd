/**
 * Entry point of one server process of the live benchmarks, forked by `ServerChild` with the
 * server's kind as its argument. It listens on 127.0.0.1 at a free port, sends its URL over
 * IPC, and reports its own CPU time between `mark` and `measure`, so that the load generator's
 * work in the parent never counts as the server's.
 */
import Fastify from 'fastify';
import { startProducerServer } from '../src/live/producer-server.ts';
import { startReceiverServer } from '../src/live/receiver-server.ts';
import { SCENARIO_TIME_HEADER } from '../src/live/scenario-time.ts';
import { createProducerState } from '../src/model/producer.ts';
import type { FromServer, ServerKind, ToServer } from './live-child.ts';
import {
  buildLiveLog,
  HOOK_CONSUMER,
  JSON_TYPE,
  newestTime,
  POLL_BODY,
  POLL_ETAG,
  RECEIVER_SECRET,
} from './live-fixture.ts';

interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const KINDS: Record<ServerKind, () => Promise<RunningServer>> = {
  producer: startProducer,
  'bare-poll': startBarePoll,
  receiver: startReceiver,
  'bare-receiver': startBareReceiver,
};

/** Starts the producer's API over a small log, with its clock at the newest event. */
function startProducer(): Promise<RunningServer> {
  const log = buildLiveLog();
  const now = newestTime(log);
  return startProducerServer({ state: createProducerState(log), now: () => now });
}

/**
 * Starts the baseline of the poll benchmark: one fastify route that sends the producer's
 * response to the benchmark's poll, precomputed, with the same headers: `ETag`, content type
 * and the scenario time the producer answers as of.
 */
async function startBarePoll(): Promise<RunningServer> {
  const app = Fastify({ logger: false });
  const time = String(newestTime(buildLiveLog()));
  app.get('/events', (_request, reply) => {
    return reply
      .header('etag', POLL_ETAG)
      .header('content-type', JSON_TYPE)
      .header(SCENARIO_TIME_HEADER, time)
      .send(POLL_BODY);
  });
  return listen(app);
}

/**
 * Starts the project's webhook receiver with one subscription, signed with `RECEIVER_SECRET`.
 * Every post of the benchmark carries the same message and so the same `webhook-id`, and a
 * receiver that drops copies it has seen would drop all but the first. Deduplication is off,
 * so that each post takes the path of a new message: check the signature, parse the body and
 * hand the message over.
 */
function startReceiver(): Promise<RunningServer> {
  return startReceiverServer({
    secretFor: (consumer) => (consumer === HOOK_CONSUMER ? RECEIVER_SECRET : undefined),
    onMessage: () => {},
    dedupe: false,
  });
}

/**
 * Starts a bare webhook receiver: one fastify route that parses the JSON body with fastify's
 * default parser, responds to every post with 204 and does nothing else.
 */
async function startBareReceiver(): Promise<RunningServer> {
  const app = Fastify({ logger: false });
  app.post('/hooks/:consumer', (_request, reply) => reply.code(204).send());
  return listen(app);
}

async function listen(app: ReturnType<typeof Fastify>): Promise<RunningServer> {
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

function send(message: FromServer): void {
  process.send?.(message);
}

/** Closes the IPC channel, which lets the process exit once the server is closed. */
function disconnect(): void {
  if (process.connected) process.disconnect?.();
}

function cpuMicros(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  const start = KINDS[kind];
  if (start === undefined) throw new Error(`unknown server kind '${String(kind)}'`);

  const server = await start();
  let marked = process.cpuUsage();
  let closing: Promise<void> | undefined;

  const close = () => {
    closing ??= server.close().finally(disconnect);
    return closing;
  };
  // A parent that dies leaves the IPC channel closed, and the server must not outlive it.
  process.on('disconnect', () => void close());

  process.on('message', (message: ToServer) => {
    if (message.type === 'mark') {
      marked = process.cpuUsage();
      send({ type: 'marked' });
    } else if (message.type === 'measure') {
      send({ type: 'measured', cpuMicros: cpuMicros(process.cpuUsage(marked)) });
    } else {
      void close();
    }
  });
  send({ type: 'ready', url: server.url });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  disconnect();
});
