import type { FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { onTestFinished } from 'vitest';
import type { HttpServer } from '../../../src/live/http-server.ts';
import type { ProducerServerOptions } from '../../../src/live/producer-server.ts';
import { startProducerServer } from '../../../src/live/producer-server.ts';
import type { ReceiverOptions, ReceiverServer } from '../../../src/live/receiver-server.ts';
import { startReceiverServer } from '../../../src/live/receiver-server.ts';

/** Starts a producer on 127.0.0.1, port 0, and closes it when the current test ends. */
export async function startTestProducer(options: ProducerServerOptions): Promise<HttpServer> {
  const server = await startProducerServer({ ...options, host: '127.0.0.1', port: 0 });
  onTestFinished(() => server.close());
  return server;
}

/** Starts a receiver on 127.0.0.1, port 0, and closes it when the current test ends. */
export async function startTestReceiver(options: ReceiverOptions): Promise<ReceiverServer> {
  const server = await startReceiverServer({ ...options, host: '127.0.0.1', port: 0 });
  onTestFinished(() => server.close());
  return server;
}

/** A request as a hook server received it. */
export interface ReceivedRequest {
  readonly headers: FastifyRequest['headers'];
  readonly body: string;
}

export interface HookServer {
  /** URL of the `POST /hook` route. */
  readonly url: string;
  readonly received: ReceivedRequest[];
}

export type HookHandler = (reply: FastifyReply) => Promise<void> | void;

/**
 * Starts a plain fastify server on 127.0.0.1, port 0, whose `POST /hook` records each request
 * and then runs `handle`. Teardown first runs `release`, so a handler that waits can end early
 * and the close does not wait for it.
 */
export async function startHookServer(
  handle: HookHandler,
  release: () => void = () => {},
): Promise<HookServer> {
  const received: ReceivedRequest[] = [];
  const app = Fastify({ logger: false });

  // Keep the body as text, so a test can check the signature over the bytes as sent.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/hook', async (request, reply) => {
    received.push({ headers: request.headers, body: String(request.body) });
    await handle(reply);
    return reply;
  });

  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  onTestFinished(async () => {
    release();
    await app.close();
  });
  return { url: `${base}/hook`, received };
}

/** Returns the port of a server that was started and closed, so nothing listens on it. */
export async function closedPort(): Promise<number> {
  const app = Fastify({ logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });

  const address = app.server.address();
  await app.close();

  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}
