import Fastify from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSecret, signatureHeaders, verify } from '../../src/live/signature.ts';
import type { SampleBody } from './helpers/bodies.ts';
import { EMOJI_BODY, ESCAPED_BODY, NOW_SECONDS, SPACED_BODY } from './helpers/bodies.ts';
import { startTestReceiver } from './helpers/servers.ts';

const CONSUMER = 1;
const SECRET = createSecret();

/** Bodies whose bytes a JSON parser and serialiser would change: spacing, and `\u003c`. */
const ALTERED_BY_PARSING: readonly SampleBody[] = [SPACED_BODY, ESCAPED_BODY];

/**
 * Starts a receiver with a common mistake: it lets its framework parse the JSON body, then
 * verifies the signature over `JSON.stringify` of the parsed value rather than over the bytes
 * that were sent. It replies 204 when the signature matches and 401 otherwise.
 */
async function startReserialisingReceiver(): Promise<string> {
  const app = Fastify({ logger: false });
  app.post('/hook', (request, reply) => {
    const bytes = Buffer.from(JSON.stringify(request.body), 'utf8');
    const check = verify(SECRET, request.headers, bytes, NOW_SECONDS);
    return reply.code(check.ok ? 204 : 401).send();
  });

  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  onTestFinished(() => app.close());
  return `${base}/hook`;
}

/** Starts the project's receiver, which verifies the raw bytes, with its clock fixed. */
async function startRawReceiver(): Promise<string> {
  const server = await startTestReceiver({
    secretFor: (consumer) => (consumer === CONSUMER ? SECRET : undefined),
    onMessage: () => {},
    nowSeconds: () => NOW_SECONDS,
  });
  return server.urlFor(CONSUMER);
}

/** Posts `body` signed over its exact bytes and returns the status of the reply. */
async function postSigned(url: string, body: Buffer): Promise<number> {
  const headers = signatureHeaders(SECRET, 'msg_1_1', NOW_SECONDS, body);
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { ...headers, 'content-type': 'application/json' },
  });
  await response.arrayBuffer();
  return response.status;
}

describe('receiver that reserialises', () => {
  it.each(ALTERED_BY_PARSING)('rejects the $name body', async ({ bytes }) => {
    const url = await startReserialisingReceiver();

    expect(await postSigned(url, bytes)).toBe(401);
  });

  // The same receiver accepts a body that serialising again leaves unchanged, so the
  // rejections above come from the changed bytes alone.
  it('accepts a compact body', async () => {
    const url = await startReserialisingReceiver();

    expect(await postSigned(url, EMOJI_BODY.bytes)).toBe(204);
  });
});

describe('receiver over raw bytes', () => {
  it.each(ALTERED_BY_PARSING)('accepts the $name body', async ({ bytes }) => {
    const url = await startRawReceiver();

    expect(await postSigned(url, bytes)).toBe(204);
  });
});
