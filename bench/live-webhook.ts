import { Pool } from 'undici';
import { createSecret, signatureHeaders } from '../src/live/signature.ts';
import { messageId, WebhookSender } from '../src/live/webhook-sender.ts';
import type { PushMessage, Subscription } from '../src/model/producer.ts';
import type { Figure } from './figures.ts';
import { summaryFigure } from './figures.ts';
import { ServerChild } from './live-child.ts';
import { HOOK_PATH, sampleEvent } from './live-fixture.ts';
import type { Profile, WebhookLoad } from './profiles.ts';
import type { Round } from './rounds.ts';
import { pairedRatios, pairNote, runRounds, samplesOf } from './rounds.ts';

/** The two webhook clients: the project's emitter and a bare undici pool. */
type Client = 'sender' | 'bare';

const LABELS: Record<Client, string> = { sender: 'WebhookSender.post', bare: 'bare undici Pool' };

/** Real ms one post may take before it counts as failed, far longer than a loopback post. */
const POST_TIMEOUT_MS = 10_000;

/** One timed call of one client: every post of a batch. */
interface WebhookSample {
  readonly deliveriesPerSecond: number;
  /** This process's CPU time per delivery, in µs. */
  readonly cpuMicros: number;
}

/** Figures of one client, each the median over the rounds. */
export interface WebhookClientFigures {
  readonly rate: Figure;
  readonly cpu: Figure;
}

export interface WebhookFigures {
  readonly sender: WebhookClientFigures;
  readonly bare: WebhookClientFigures;
  /** The sender's deliveries/s over the bare pool's, per round. */
  readonly ratio: Figure;
}

/** Sends one batch of posts and returns how many got no 2xx response. */
type PostBatch = (count: number, inFlight: number) => Promise<number>;

/**
 * Times `WebhookSender.post`, which signs each body, against a bare undici `Pool` that posts
 * the same bytes with headers signed once in advance. Both post from this process to a receiver
 * in a process of its own that responds with 204, with the same number of posts in flight. Rounds
 * alternate which client goes first, and come in pairs, one in each order (see rounds.ts).
 */
export async function benchWebhook(profile: Profile): Promise<WebhookFigures> {
  const { server, url } = await ServerChild.start('bare-receiver');

  try {
    return await postInRounds(url, profile.webhook);
  } finally {
    await server.close();
  }
}

/** Opens both clients to the receiver at `url`, runs the rounds, and closes the clients. */
async function postInRounds(url: string, load: WebhookLoad): Promise<WebhookFigures> {
  const sender = new WebhookSender({ timeoutMs: POST_TIMEOUT_MS, connections: load.inFlight });
  const pool = new Pool(url, { connections: load.inFlight });

  try {
    const { subscription, message } = buildMessage(url);
    const batches: Record<Client, PostBatch> = {
      sender: (count, inFlight) =>
        postAll(count, inFlight, async () => {
          const outcome = await sender.post(subscription, message);
          return outcome.state === 'delivered';
        }),
      bare: barePoster(pool, subscription, message),
    };
    const rounds = await runRounds<Client, WebhookSample>({
      tasks: ['sender', 'bare'],
      rounds: load.rounds,
      warmUp: (client) => timeBatch(batches, client, load),
      measure: (client) => timeBatch(batches, client, load),
    });
    return webhookFigures(rounds, load);
  } finally {
    await Promise.allSettled([sender.close(), pool.destroy()]);
  }
}

/** Builds a subscription to the receiver and a message of one event, as the emitter sends it. */
function buildMessage(receiverUrl: string): { subscription: Subscription; message: PushMessage } {
  const subscription: Subscription = {
    id: 1,
    consumer: 1,
    keys: undefined,
    url: `${receiverUrl}${HOOK_PATH}`,
    secret: createSecret(),
  };
  return { subscription, message: { subscription: subscription.id, events: [sampleEvent()] } };
}

/**
 * Returns the baseline's batch: the body bytes and the headers that `WebhookSender.post` would
 * send for the message, computed once, so each post does only the HTTP work.
 */
function barePoster(pool: Pool, subscription: Subscription, message: PushMessage): PostBatch {
  const body = Buffer.from(JSON.stringify(message));
  const secret = subscription.secret ?? createSecret();
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    ...signatureHeaders(secret, messageId(subscription, message), timestamp, body),
    'content-type': 'application/json',
  };

  return (count, inFlight) =>
    postAll(count, inFlight, async () => {
      const response = await pool.request({ method: 'POST', path: HOOK_PATH, headers, body });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300;
    });
}

/** Runs `post` `count` times with `inFlight` calls outstanding; returns the failed count. */
async function postAll(
  count: number,
  inFlight: number,
  post: () => Promise<boolean>,
): Promise<number> {
  let started = 0;
  let failed = 0;

  const worker = async () => {
    while (started < count) {
      started++;
      if (!(await post())) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return failed;
}

async function timeBatch(
  batches: Record<Client, PostBatch>,
  client: Client,
  load: WebhookLoad,
): Promise<WebhookSample> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const failed = await batches[client](load.posts, load.inFlight);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);

  if (failed > 0) {
    throw new Error(
      `${failed} of ${load.posts} posts by the ${LABELS[client]} were not delivered; ` +
        'the receiver responds with 204 to every post, so each failure is a bug or a timeout',
    );
  }
  return {
    deliveriesPerSecond: (load.posts * 1000) / ms,
    cpuMicros: (cpu.user + cpu.system) / load.posts,
  };
}

function webhookFigures(
  rounds: readonly Round<Client, WebhookSample>[],
  load: WebhookLoad,
): WebhookFigures {
  const size = describeWebhookLoad(load);
  const ratios = pairedRatios(rounds, 'sender', 'bare', (sample) => sample.deliveriesPerSecond);

  return {
    sender: clientFigures(rounds, 'sender', size),
    bare: clientFigures(rounds, 'bare', size),
    ratio: {
      ...summaryFigure(
        `webhook ${LABELS.sender} / ${LABELS.bare}: ${size}`,
        'ratio',
        'bigger',
        ratios,
      ),
      note: pairNote("the two clients' deliveries/s"),
    },
  };
}

function clientFigures(
  rounds: readonly Round<Client, WebhookSample>[],
  client: Client,
  size: string,
): WebhookClientFigures {
  const samples = samplesOf(rounds, client, (sample) => sample);
  const label = `webhook ${LABELS[client]}`;

  return {
    rate: summaryFigure(
      `${label}: ${size}`,
      'deliveries/s',
      'bigger',
      samples.map((sample) => sample.deliveriesPerSecond),
    ),
    cpu: {
      ...summaryFigure(
        `${label} client CPU: ${size}`,
        'µs/delivery',
        'smaller',
        samples.map((sample) => sample.cpuMicros),
      ),
      note: "user and system time of the benchmark's process over the batch, per delivery",
    },
  };
}

/** Names a webhook load's size, such as "64 in flight x 20,000 posts". */
export function describeWebhookLoad(load: WebhookLoad): string {
  return `${load.inFlight} in flight x ${load.posts.toLocaleString('en-US')} posts`;
}
