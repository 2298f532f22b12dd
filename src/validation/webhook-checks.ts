import type { Distribution } from '../engine/distributions.ts';
import { constant, moments } from '../engine/distributions.ts';
import { createStream } from '../engine/random.ts';
import type { StrategyResult } from '../metrics/result.ts';
import { EventLog } from '../model/event-log.ts';
import type { ConsumerSpec, World } from '../model/world.ts';
import { formatCount, formatDuration } from '../report/format.ts';
import { webhookStrategy } from '../strategies/webhook.ts';
import type { TheoryCheck } from './check.ts';
import { EXACT, standardErrorBand } from './check.ts';
import { runStrategy, VALIDATION_SEED } from './run-strategy.ts';

/** Events in the webhook world, spread uniformly over one day at whole milliseconds. */
export const WEBHOOK_EVENT_COUNT = 20_000;

/**
 * Consumers of the webhook world. Events have key `a` or `b`, so each event interests three
 * consumers, and the one that wants only `c` gets no delivery at all.
 */
export const WEBHOOK_CONSUMERS: readonly ConsumerSpec[] = [
  {},
  { keys: ['a'] },
  { keys: ['b'] },
  { keys: ['a', 'b'] },
  { keys: ['c'] },
];

/** The constant one-way delay d of the exact checks. */
export const WEBHOOK_LATENCY_MS = 50;

/** The random one-way delay D of the statistical check: exponential with mean 50 ms. */
export const WEBHOOK_LATENCY_DISTRIBUTION: Distribution = { kind: 'exponential', mean: 50 };

const WORLD_START = Date.UTC(2026, 0, 1);
const WORLD_SPAN_MS = 86_400_000;

/**
 * Checks webhooks against theory. The producer posts each event to each interested consumer as
 * it happens, so the latency is the one-way delay of that post, the consumer sends no request,
 * and deliveries are the sum over events of the consumers that want them. Event times and d are
 * whole milliseconds, so every time sum is exact and the constant-delay figures match exactly.
 */
export function runWebhookChecks(): TheoryCheck[] {
  const world = buildWebhookWorld();
  const fixed = runStrategy(world, {
    strategy: webhookStrategy,
    latency: constant(WEBHOOK_LATENCY_MS),
  });
  const random = runStrategy(world, {
    strategy: webhookStrategy,
    latency: WEBHOOK_LATENCY_DISTRIBUTION,
  });

  return [
    ...checkConstantLatency(world, fixed),
    ...checkCounts(world, fixed),
    checkRandomLatency(world, random),
  ];
}

/** Builds the webhook world from its own seeded stream, apart from every run's streams. */
export function buildWebhookWorld(): World {
  const random = createStream(VALIDATION_SEED, 'validation/webhook-world');
  const events = Array.from({ length: WEBHOOK_EVENT_COUNT }, () => ({
    time: WORLD_START + Math.floor(random.next() * WORLD_SPAN_MS),
    key: random.next() < 0.5 ? 'a' : 'b',
  }));

  return {
    log: new EventLog(events),
    consumers: WEBHOOK_CONSUMERS,
    windowStart: WORLD_START,
    windowEnd: WORLD_START + WORLD_SPAN_MS,
  };
}

/**
 * Counts, event by event, the consumers that want it. The recorder counts another way, so the
 * prediction does not rest on the code it checks.
 */
export function countInterestedDeliveries(world: World): number {
  let deliveries = 0;

  for (const event of world.log.events) {
    for (const consumer of world.consumers) {
      if (consumer.keys === undefined || consumer.keys.includes(event.key)) deliveries++;
    }
  }

  return deliveries;
}

function checkConstantLatency(world: World, result: StrategyResult): TheoryCheck[] {
  const parameters = describeRun(world, `d = ${formatDuration(WEBHOOK_LATENCY_MS)}`);
  const latency = { parameters, formula: 'd', predicted: WEBHOOK_LATENCY_MS, unit: 'ms' } as const;

  return [
    {
      id: 'webhook/mean-latency/constant',
      title: 'webhook: mean latency',
      simulated: result.latencyMs.mean,
      tolerance: EXACT,
      ...latency,
    },
    {
      id: 'webhook/max-latency/constant',
      title: 'webhook: max latency',
      simulated: result.latencyMs.max,
      tolerance: EXACT,
      ...latency,
    },
  ];
}

function checkCounts(world: World, result: StrategyResult): TheoryCheck[] {
  const parameters = describeRun(world, `d = ${formatDuration(WEBHOOK_LATENCY_MS)}`);
  const count = { parameters, unit: 'count', tolerance: EXACT } as const;

  return [
    {
      id: 'webhook/requests',
      title: 'webhook: requests',
      formula: '0',
      predicted: 0,
      simulated: result.requests,
      ...count,
    },
    {
      id: 'webhook/wasted-requests',
      title: 'webhook: wasted requests',
      formula: '0',
      predicted: 0,
      simulated: result.wastedRequests,
      ...count,
    },
    {
      id: 'webhook/deliveries',
      title: 'webhook: deliveries',
      formula: 'Σ events × interested consumers',
      predicted: countInterestedDeliveries(world),
      simulated: result.deliveries,
      ...count,
    },
  ];
}

/** Checks the mean latency under a random delay D, whose mean over n draws has SE sd(D) / √n. */
function checkRandomLatency(world: World, result: StrategyResult): TheoryCheck {
  const { mean, meanSquare } = moments(WEBHOOK_LATENCY_DISTRIBUTION)!;
  const sd = Math.sqrt(meanSquare - mean * mean);

  return {
    id: 'webhook/mean-latency/random',
    title: 'webhook: mean latency',
    parameters: describeRun(world, `D ~ exp(${formatDuration(mean)})`),
    formula: 'E[D]',
    predicted: mean,
    simulated: result.latencyMs.mean,
    unit: 'ms',
    tolerance: standardErrorBand(sd / Math.sqrt(result.events.notified)),
  };
}

function describeRun(world: World, latency: string): string {
  return (
    `${latency}, ${formatCount(world.log.size)} events with key a or b, ` +
    `${world.consumers.length} consumers wanting any key, a, b, a or b, and c`
  );
}
