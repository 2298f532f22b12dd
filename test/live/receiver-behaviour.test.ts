import { describe, expect, it, onTestFinished } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { createStream } from '../../src/engine/random.ts';
import type { ScenarioClock } from '../../src/live/receiver-behaviour.ts';
import { ReceiverBehaviour } from '../../src/live/receiver-behaviour.ts';
import type { ReceiverServer } from '../../src/live/receiver-server.ts';
import { createSecret } from '../../src/live/signature.ts';
import type { PostOutcome } from '../../src/live/webhook-sender.ts';
import { WebhookSender } from '../../src/live/webhook-sender.ts';
import type { ConsumerFaults } from '../../src/model/faults.ts';
import type { PushMessage, Subscription } from '../../src/model/producer.ts';
import type { AckMode } from '../../src/strategies/tuning.ts';
import { faultsWith, tuningWith } from '../faults/fault-worlds.ts';
import { startTestReceiver } from './helpers/servers.ts';

const CONSUMER = 0;
const SECRET = createSecret();

/** The consumer is down from 1,000 to 2,000 scenario ms; pushes arrive at 2,000 otherwise. */
const DOWN = { start: 1_000, end: 2_000 };
const ARRIVAL = 2_000;
const WORK_MS = 3_000;
const REPLY_DELAY_MS = 250;

/** Waits are held from this scenario time on until the test releases them. */
const HELD_FROM = 4_000;

const MESSAGE: PushMessage = {
  subscription: 1,
  events: [{ seq: 1, time: 500, key: 'a', payload: null }],
};

/**
 * A scenario clock that the test drives: waits for times before `HELD_FROM` end at once, and
 * later ones end when the test calls `release`.
 */
class TestClock implements ScenarioClock {
  private releaseAll: () => void = () => {};
  private readonly released = new Promise<void>((resolve) => {
    this.releaseAll = resolve;
  });

  now(): number {
    return ARRIVAL;
  }

  async sleepUntil(time: number): Promise<void> {
    if (time >= HELD_FROM) await this.released;
  }

  release(): void {
    this.releaseAll();
  }
}

interface ReceiverSetup {
  readonly ack?: AckMode;
  readonly dedupe?: boolean;
  readonly consumer?: Partial<ConsumerFaults>;
}

interface TestReceiver {
  readonly server: ReceiverServer;
  readonly clock: TestClock;
  readonly messages: PushMessage[];
}

/** Starts a receiver with a behaviour on the test clock; it is closed when the test ends. */
async function startReceiver(setup: ReceiverSetup = {}): Promise<TestReceiver> {
  const clock = new TestClock();
  const messages: PushMessage[] = [];
  const behaviour = new ReceiverBehaviour({
    faults: faultsWith({
      consumer: { downtime: [DOWN], replyDelay: constant(REPLY_DELAY_MS), ...setup.consumer },
    }).consumer,
    tuning: tuningWith({ ack: setup.ack ?? 'first', workMs: WORK_MS }),
    draws: createStream(1, 'receiver-behaviour-test'),
    clock,
  });

  const server = await startTestReceiver({
    secretFor: (consumer) => (consumer === CONSUMER ? SECRET : undefined),
    onMessage: (_consumer, message) => messages.push(message),
    dedupe: setup.dedupe,
    behaviour,
  });
  onTestFinished(() => clock.release());
  return { server, clock, messages };
}

/** Posts `MESSAGE` to the receiver as if it arrived at scenario time `at`. */
async function postAt(receiver: TestReceiver, at = ARRIVAL): Promise<PostOutcome> {
  const sender = new WebhookSender({ timeoutMs: 5_000 });
  onTestFinished(() => sender.close());

  const subscription: Subscription = {
    id: 1,
    consumer: CONSUMER,
    keys: undefined,
    url: receiver.server.urlFor(CONSUMER),
    secret: SECRET,
  };
  return sender.post(subscription, MESSAGE, { scenarioTime: at });
}

describe('receiver downtime', () => {
  it('fails the post', async () => {
    const receiver = await startReceiver();

    const outcome = await postAt(receiver, 1_500);

    expect(outcome.state).toBe('failed');
  });

  it('sends no status', async () => {
    const receiver = await startReceiver();

    const outcome = await postAt(receiver, 1_500);

    expect(outcome).not.toHaveProperty('status');
  });

  it('counts the refusal', async () => {
    const receiver = await startReceiver();

    await postAt(receiver, 1_500);

    expect(receiver.server.stats.refused).toBe(1);
  });

  it('hands nothing over', async () => {
    const receiver = await startReceiver();

    await postAt(receiver, 1_500);

    expect(receiver.messages).toEqual([]);
  });

  it('accepts once back up', async () => {
    const receiver = await startReceiver();

    const outcome = await postAt(receiver, DOWN.end);

    expect(outcome.state).toBe('delivered');
  });
});

describe('receiver error rate', () => {
  it('answers 500', async () => {
    const receiver = await startReceiver({ consumer: { errorRate: 1 } });

    const outcome = await postAt(receiver);

    expect(outcome).toMatchObject({ state: 'failed', status: 500 });
  });

  it('counts the failure', async () => {
    const receiver = await startReceiver({ consumer: { errorRate: 1 } });

    await postAt(receiver);

    expect(receiver.server.stats.failed).toBe(1);
  });

  it('hands nothing over', async () => {
    const receiver = await startReceiver({ consumer: { errorRate: 1 } });

    await postAt(receiver);

    expect(receiver.messages).toEqual([]);
  });
});

describe('receiver acknowledging first', () => {
  it('states the reply time', async () => {
    const receiver = await startReceiver({ ack: 'first' });

    const outcome = await postAt(receiver);

    expect(outcome.repliedAt).toBe(ARRIVAL + REPLY_DELAY_MS);
  });

  // The hand-off, due when the work ends at 5,000, waits for the clock while the 204 is sent.
  it('replies before the hand-off', async () => {
    const receiver = await startReceiver({ ack: 'first' });

    await postAt(receiver);

    expect(receiver.messages).toEqual([]);
  });

  it('hands over after the work', async () => {
    const receiver = await startReceiver({ ack: 'first' });
    await postAt(receiver);

    receiver.clock.release();
    await receiver.server.drained();

    expect(receiver.messages).toEqual([MESSAGE]);
  });
});

describe('receiver processing first', () => {
  it('states the reply time', async () => {
    const receiver = await startReceiver({ ack: 'after' });
    const posted = postAt(receiver);

    receiver.clock.release();

    expect((await posted).repliedAt).toBe(ARRIVAL + WORK_MS + REPLY_DELAY_MS);
  });

  it('hands over before replying', async () => {
    const receiver = await startReceiver({ ack: 'after' });
    const posted = postAt(receiver);

    receiver.clock.release();
    await posted;

    expect(receiver.messages).toEqual([MESSAGE]);
  });
});

/** Posts the same message twice with nothing held, and waits for both hand-offs. */
async function postTwice(receiver: TestReceiver): Promise<void> {
  receiver.clock.release();
  await postAt(receiver);
  await postAt(receiver);
  await receiver.server.drained();
}

describe('receiver deduplication', () => {
  it('drops a repeated webhook-id', async () => {
    const receiver = await startReceiver({ dedupe: true });

    await postTwice(receiver);

    expect(receiver.messages).toHaveLength(1);
  });

  it('counts the dropped copy', async () => {
    const receiver = await startReceiver({ dedupe: true });

    await postTwice(receiver);

    expect(receiver.server.stats.duplicates).toBe(1);
  });

  it('hands every copy over without', async () => {
    const receiver = await startReceiver({ dedupe: false });

    await postTwice(receiver);

    expect(receiver.messages).toHaveLength(2);
  });
});
