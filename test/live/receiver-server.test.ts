import { describe, expect, it } from 'vitest';
import type { ReceiverServer } from '../../src/live/receiver-server.ts';
import { createSecret, signatureHeaders } from '../../src/live/signature.ts';
import type { PushMessage } from '../../src/model/producer.ts';
import {
  JUST_INSIDE_S,
  JUST_OUTSIDE_S,
  NOW_SECONDS,
  SAMPLE_BODIES,
  SPACED_BODY,
} from './helpers/bodies.ts';
import { startTestReceiver } from './helpers/servers.ts';

const CONSUMER = 3;
const SECRET = createSecret();

interface Delivery {
  readonly consumer: number;
  readonly message: PushMessage;
}

/** Starts a receiver with a secret for `CONSUMER` only and its clock fixed at `NOW_SECONDS`. */
async function startReceiver(): Promise<{ server: ReceiverServer; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const server = await startTestReceiver({
    secretFor: (consumer) => (consumer === CONSUMER ? SECRET : undefined),
    onMessage: (consumer, message) => deliveries.push({ consumer, message }),
    nowSeconds: () => NOW_SECONDS,
  });
  return { server, deliveries };
}

interface SignOptions {
  readonly id?: string;
  readonly timestamp?: number;
  readonly secret?: string;
}

function signed(body: Buffer, options: SignOptions = {}): Record<string, string> {
  const id = options.id ?? 'msg_1_1';
  const timestamp = options.timestamp ?? NOW_SECONDS;
  return { ...signatureHeaders(options.secret ?? SECRET, id, timestamp, body) };
}

/** Posts `body` over a real socket and returns the status and the response text. */
async function post(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { ...headers, 'content-type': 'application/json' },
  });
  return { status: response.status, text: await response.text() };
}

describe('receiver accepts', () => {
  it.each(SAMPLE_BODIES)('answers 204 to $name body', async ({ bytes }) => {
    const { server } = await startReceiver();

    const response = await post(server.urlFor(CONSUMER), bytes, signed(bytes));

    expect(response.status).toBe(204);
  });

  it.each(SAMPLE_BODIES)('queues the $name body', async ({ bytes }) => {
    const { server, deliveries } = await startReceiver();

    await post(server.urlFor(CONSUMER), bytes, signed(bytes));

    const expected = JSON.parse(bytes.toString('utf8')) as PushMessage;
    expect(deliveries).toEqual([{ consumer: CONSUMER, message: expected }]);
  });

  it.each([
    ['4m59s old', -JUST_INSIDE_S],
    ['4m59s ahead', JUST_INSIDE_S],
  ])('accepts a timestamp %s', async (_name, offset) => {
    const { server } = await startReceiver();
    const body = SPACED_BODY.bytes;

    const headers = signed(body, { timestamp: NOW_SECONDS + offset });
    const response = await post(server.urlFor(CONSUMER), body, headers);

    expect(response.status).toBe(204);
  });

  it('counts bytes read', async () => {
    const { server } = await startReceiver();
    const body = SPACED_BODY.bytes;

    await post(server.urlFor(CONSUMER), body, signed(body));

    expect(server.bytes().read).toBeGreaterThan(body.length);
  });
});

type RejectReason = 'mismatch' | 'too-old' | 'too-new' | 'missing-headers';

interface RejectCase {
  readonly name: string;
  readonly reason: RejectReason;
  /** Returns the bytes to post and their headers. */
  readonly build: () => { body: Buffer; headers: Record<string, string> };
}

const body = SPACED_BODY.bytes;

const REJECT_CASES: readonly RejectCase[] = [
  {
    name: 'wrong secret',
    reason: 'mismatch',
    build: () => ({ body, headers: signed(body, { secret: createSecret() }) }),
  },
  {
    name: 'altered body',
    reason: 'mismatch',
    build: () => ({
      body: Buffer.from(body.toString('utf8').replace('1', '2'), 'utf8'),
      headers: signed(body),
    }),
  },
  {
    name: 'timestamp 5m01s old',
    reason: 'too-old',
    build: () => ({ body, headers: signed(body, { timestamp: NOW_SECONDS - JUST_OUTSIDE_S }) }),
  },
  {
    name: 'timestamp 5m01s ahead',
    reason: 'too-new',
    build: () => ({ body, headers: signed(body, { timestamp: NOW_SECONDS + JUST_OUTSIDE_S }) }),
  },
  {
    name: 'missing signature',
    reason: 'missing-headers',
    build: () => {
      const { 'webhook-signature': _omitted, ...headers } = signed(body);
      return { body, headers };
    },
  },
];

describe('receiver rejects', () => {
  it.each(REJECT_CASES)('answers 401 to $name', async ({ build }) => {
    const { server } = await startReceiver();
    const request = build();

    const response = await post(server.urlFor(CONSUMER), request.body, request.headers);

    expect(response.status).toBe(401);
  });

  it.each(REJECT_CASES)('explains $name in JSON', async ({ build, reason }) => {
    const { server } = await startReceiver();
    const request = build();

    const response = await post(server.urlFor(CONSUMER), request.body, request.headers);

    expect(JSON.parse(response.text)).toEqual({
      error: { code: 'invalid_signature', message: `signature rejected: ${reason}` },
    });
  });

  it.each(REJECT_CASES)('counts $name by reason', async ({ build, reason }) => {
    const { server } = await startReceiver();
    const request = build();

    await post(server.urlFor(CONSUMER), request.body, request.headers);

    expect(server.stats.rejected[reason]).toBe(1);
  });

  it.each(REJECT_CASES)('drops $name', async ({ build }) => {
    const { server, deliveries } = await startReceiver();
    const request = build();

    await post(server.urlFor(CONSUMER), request.body, request.headers);

    expect(deliveries).toEqual([]);
  });
});

describe('receiver duplicates', () => {
  it('answers 204 to a duplicate', async () => {
    const { server } = await startReceiver();

    await post(server.urlFor(CONSUMER), body, signed(body));
    const second = await post(server.urlFor(CONSUMER), body, signed(body));

    expect(second.status).toBe(204);
  });

  it('counts a duplicate once', async () => {
    const { server } = await startReceiver();

    await post(server.urlFor(CONSUMER), body, signed(body));
    await post(server.urlFor(CONSUMER), body, signed(body));

    expect(server.stats.duplicates).toBe(1);
    expect(server.stats.accepted).toBe(1);
  });

  it('drops a duplicate message', async () => {
    const { server, deliveries } = await startReceiver();

    await post(server.urlFor(CONSUMER), body, signed(body));
    await post(server.urlFor(CONSUMER), body, signed(body));

    expect(deliveries).toHaveLength(1);
  });

  it('accepts a new webhook-id', async () => {
    const { server, deliveries } = await startReceiver();

    await post(server.urlFor(CONSUMER), body, signed(body, { id: 'msg_1_1' }));
    await post(server.urlFor(CONSUMER), body, signed(body, { id: 'msg_1_2' }));

    expect(deliveries).toHaveLength(2);
  });
});

describe('receiver routing and parsing', () => {
  it('answers 404 to unknown consumer', async () => {
    const { server } = await startReceiver();

    const response = await post(server.urlFor(CONSUMER + 1), body, signed(body));

    expect(response.status).toBe(404);
  });

  it('explains unknown consumer in JSON', async () => {
    const { server } = await startReceiver();

    const response = await post(`${server.url}/hooks/abc`, body, signed(body));

    expect(JSON.parse(response.text)).toEqual({
      error: { code: 'unknown_consumer', message: "no subscription for consumer 'abc'" },
    });
  });

  it('counts unknown consumers', async () => {
    const { server } = await startReceiver();

    await post(server.urlFor(CONSUMER + 1), body, signed(body));

    expect(server.stats.rejected['unknown-consumer']).toBe(1);
  });

  it('answers 400 to signed non-JSON', async () => {
    const { server } = await startReceiver();
    const text = Buffer.from('not json', 'utf8');

    const response = await post(server.urlFor(CONSUMER), text, signed(text));

    expect(response.status).toBe(400);
  });

  it('reports invalid_body for non-JSON', async () => {
    const { server } = await startReceiver();
    const text = Buffer.from('not json', 'utf8');

    const response = await post(server.urlFor(CONSUMER), text, signed(text));

    expect((JSON.parse(response.text) as { error: { code: string } }).error.code).toBe(
      'invalid_body',
    );
  });

  it('drops signed non-JSON', async () => {
    const { server, deliveries } = await startReceiver();
    const text = Buffer.from('not json', 'utf8');

    await post(server.urlFor(CONSUMER), text, signed(text));

    expect(deliveries).toEqual([]);
  });
});
