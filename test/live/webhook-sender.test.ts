import { Webhook } from 'standardwebhooks';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSecret } from '../../src/live/signature.ts';
import { WebhookSender } from '../../src/live/webhook-sender.ts';
import type { PushMessage, Subscription } from '../../src/model/producer.ts';
import type { HookHandler } from './helpers/servers.ts';
import { closedPort, startHookServer } from './helpers/servers.ts';

const SECRET = createSecret();

/** Short enough to keep the test fast, long enough for a loopback round trip. */
const TIMEOUT_MS = 200;

/**
 * Max ms the slow receiver waits before it replies: well past the timeout, which undici
 * enforces to within about a second.
 */
const SLOW_REPLY_MS = 3000;

const MESSAGE: PushMessage = {
  subscription: 1,
  events: [{ seq: 4, time: 1000, key: 'a', payload: { text: 'café 🚀' } }],
};

function subscriptionTo(url: string): Subscription {
  return { id: 1, consumer: 0, keys: undefined, url, secret: SECRET };
}

/** Creates a sender that is closed when the current test ends. */
function createSender(): WebhookSender {
  const sender = new WebhookSender({ timeoutMs: TIMEOUT_MS });
  onTestFinished(() => sender.close());
  return sender;
}

const replyWith =
  (status: number): HookHandler =>
  (reply) => {
    reply.code(status).send();
  };

/**
 * Starts a receiver that replies only after `SLOW_REPLY_MS`, or sooner when the test ends, so
 * that teardown never waits for the held request.
 */
async function startSlowServer(): Promise<string> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });

  const server = await startHookServer(
    async (reply) => {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SLOW_REPLY_MS);
      });
      await Promise.race([waited, released]);
      clearTimeout(timer);
      reply.code(204).send();
    },
    () => release(),
  );
  return server.url;
}

describe('sender outcomes', () => {
  it('reports 204 as delivered', async () => {
    const server = await startHookServer(replyWith(204));

    const outcome = await createSender().post(subscriptionTo(server.url), MESSAGE);

    expect(outcome).toEqual({ state: 'delivered', status: 204 });
  });

  it('reports 500 as failed', async () => {
    const server = await startHookServer(replyWith(500));

    const outcome = await createSender().post(subscriptionTo(server.url), MESSAGE);

    expect(outcome).toEqual({ state: 'failed', status: 500, reason: 'the receiver answered 500' });
  });

  it('reports a slow receiver as timed out', async () => {
    const url = await startSlowServer();

    const outcome = await createSender().post(subscriptionTo(url), MESSAGE);

    expect(outcome).toEqual({ state: 'failed', reason: 'timed out' });
  });

  it('gives up before the slow reply', async () => {
    const url = await startSlowServer();
    const started = performance.now();

    await createSender().post(subscriptionTo(url), MESSAGE);

    // The bound is the slow reply itself, far above the timeout, so a busy machine still passes.
    expect(performance.now() - started).toBeLessThan(SLOW_REPLY_MS);
  });

  it('reports a closed port as failed', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/hook`;

    const outcome = await createSender().post(subscriptionTo(url), MESSAGE);

    expect(outcome).toEqual({ state: 'failed', reason: 'ECONNREFUSED' });
  });

  it('fails a subscription without URL', async () => {
    const subscription = { ...subscriptionTo(''), url: undefined };

    const outcome = await createSender().post(subscription, MESSAGE);

    expect(outcome.state).toBe('failed');
  });
});

describe('sender messages', () => {
  it('repeats the webhook-id on resend', async () => {
    const server = await startHookServer(replyWith(204));
    const sender = createSender();

    await sender.post(subscriptionTo(server.url), MESSAGE);
    await sender.post(subscriptionTo(server.url), MESSAGE);

    const ids = server.received.map((request) => request.headers['webhook-id']);
    expect(ids).toEqual(['msg_1_4', 'msg_1_4']);
  });

  it('gives other events another id', async () => {
    const server = await startHookServer(replyWith(204));
    const sender = createSender();
    const later = { ...MESSAGE, events: [{ seq: 5, time: 2000, key: 'a', payload: null }] };

    await sender.post(subscriptionTo(server.url), MESSAGE);
    await sender.post(subscriptionTo(server.url), later);

    const ids = server.received.map((request) => request.headers['webhook-id']);
    expect(ids).toEqual(['msg_1_4', 'msg_1_5']);
  });

  it('signs posts the package verifies', async () => {
    const server = await startHookServer(replyWith(204));

    await createSender().post(subscriptionTo(server.url), MESSAGE);

    const [request] = server.received;
    const headers = {
      'webhook-id': String(request?.headers['webhook-id']),
      'webhook-timestamp': String(request?.headers['webhook-timestamp']),
      'webhook-signature': String(request?.headers['webhook-signature']),
    };
    expect(new Webhook(SECRET).verify(request?.body ?? '', headers)).toEqual(MESSAGE);
  });
});
