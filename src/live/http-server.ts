import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import Fastify from 'fastify';
import { PollVsPushError } from '../errors.ts';

export interface ServerOptions {
  /** Address to listen on; loopback unless the caller decides otherwise. */
  readonly host?: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port?: number;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  readonly bodyLimit?: number;
}

/** A running server with its address, its byte counts and a way to stop it. */
export interface HttpServer {
  readonly app: FastifyInstance;
  /** Base URL, such as `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Bytes read and written on every socket the server accepted, headers included. */
  bytes(): { read: number; written: number };
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Creates a fastify server with JSON errors for every failure: 400 for malformed JSON, 404 for
 * unknown routes, 413 for bodies over the limit, 500 for anything else. `register` adds routes.
 */
export async function createHttpServer(
  options: ServerOptions,
  register: (app: FastifyInstance) => void,
): Promise<HttpServer> {
  const app = Fastify({ bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, logger: false });
  const bytes = new SocketBytes();
  app.server.on('connection', (socket: Socket) => bytes.watch(socket));

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    const code = status === 500 ? 'internal_error' : (error.code ?? 'bad_request').toLowerCase();
    sendError(reply, status, code, status === 500 ? 'internal error' : error.message);
  });
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, 404, 'not_found', `no route for ${request.method} ${request.url}`);
  });
  // A cheap route for warming connections and measuring loopback round trips.
  app.get('/health', (_request, reply) => reply.send({ ok: true }));
  register(app);

  const address = await listen(app, options.host ?? '127.0.0.1', options.port ?? 0);
  return {
    app,
    url: address,
    bytes: () => bytes.total(),
    close: async () => {
      await app.close();
    },
  };
}

/** Listens, and turns a port that is taken into a coded error that names the fix. */
async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    throw new PollVsPushError(
      'PVP_PORT_IN_USE',
      `port ${port} on ${host} is already in use; choose another port, or 0 for a free one`,
    );
  }
}

/** Sends `{ error: { code, message } }` with the status. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/**
 * Bytes read and written on a server's sockets, open and closed. A socket's count moves into
 * the totals when it closes, so a long run keeps only its open sockets.
 */
class SocketBytes {
  private readonly open = new Set<Socket>();
  private closedRead = 0;
  private closedWritten = 0;

  watch(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => {
      this.closedRead += socket.bytesRead;
      this.closedWritten += socket.bytesWritten;
      this.open.delete(socket);
    });
  }

  total(): { read: number; written: number } {
    let read = this.closedRead;
    let written = this.closedWritten;
    for (const socket of this.open) {
      read += socket.bytesRead;
      written += socket.bytesWritten;
    }
    return { read, written };
  }
}
