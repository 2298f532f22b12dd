import { describe, expect, it, onTestFinished } from 'vitest';
import { createSecret } from '../../src/live/signature.ts';
import { WebhookSender } from '../../src/live/webhook-sender.ts';
import type { PushMessage, Subscription } from '../../src/model/producer.ts';
import type { HookHandler } from './helpers/servers.ts';
import { startHookServer } from './helpers/servers.ts';

const SECRET = createSecret();

const MESSAGE: PushMessage = {
  subscription: 1,
  events: [{ seq: 4, time: 1000, key: 'a', payload: null }],
};

function subscriptionTo(url: string): Subscription {
  return { id: 1, consumer: 0, keys: undefined, url, secret: SECRET };
}

/** Creates a sender that is closed when the current test ends. */
function createSender(): WebhookSender {
  const sender = new WebhookSender({ timeoutMs: 2_000 });
  onTestFinished(() => sender.close());
  return sender;
}

const replyWith =
  (status: number, headers: Record<string, string> = {}): HookHandler =>
  (reply) => {
    reply.code(status).headers(headers).send();
  };

describe('sender reads replies', () => {
  it('returns Retry-After of a 503', async () => {
    const server = await startHookServer(replyWith(503, { 'retry-after': '120' }));

    const outcome = await createSender().post(subscriptionTo(server.url), MESSAGE);

    expect(outcome).toMatchObject({ state: 'failed', status: 503, retryAfter: '120' });
  });

  it('returns a 410 as failed', async () => {
    const server = await startHookServer(replyWith(410));

    const outcome = await createSender().post(subscriptionTo(server.url), MESSAGE);

    expect(outcome).toMatchObject({ state: 'failed', status: 410 });
  });

  it('returns the stated reply time', async () => {
    const server = await startHookServer(replyWith(204, { 'x-scenario-time': '61500' }));

    const outcome = await createSender().post(subscriptionTo(server.url), MESSAGE);

    expect(outcome.repliedAt).toBe(61_500);
  });

  it('ignores an unreadable reply time', async () => {
    const server = await startHookServer(replyWith(204, { 'x-scenario-time': 'soon' }));

    const outcome = await createSender().post(subscriptionTo(server.url), MESSAGE);

    expect(outcome.repliedAt).toBeUndefined();
  });
});

describe('sender states its time', () => {
  it('sends the scenario time', async () => {
    const server = await startHookServer(replyWith(204));

    await createSender().post(subscriptionTo(server.url), MESSAGE, { scenarioTime: 60_000 });

    expect(server.received[0]?.headers['x-scenario-time']).toBe('60000');
  });

  it('sends no time unless given', async () => {
    const server = await startHookServer(replyWith(204));

    await createSender().post(subscriptionTo(server.url), MESSAGE);

    expect(server.received[0]?.headers).not.toHaveProperty('x-scenario-time');
  });
});
