import { beforeAll, describe, expect, it } from 'vitest';
import type { TheoryCheck } from '../../src/validation/check.ts';
import { findCheck } from '../../src/validation/check.ts';
import {
  runWebhookChecks,
  WEBHOOK_EVENT_COUNT,
  WEBHOOK_LATENCY_MS,
} from '../../src/validation/webhook-checks.ts';
import { expectWithinTolerance, SIMULATION_TIMEOUT_MS } from './expect-check.ts';

/** Every event has key a or b, and three consumers want each key: any, one key, both keys. */
const CONSUMERS_PER_EVENT = 3;

/** Mean of the exponential one-way delay of the random-latency run, in ms. */
const MEAN_RANDOM_LATENCY_MS = 50;

let checks: TheoryCheck[] = [];

beforeAll(() => {
  checks = runWebhookChecks();
}, SIMULATION_TIMEOUT_MS);

describe('webhook latency and counts', () => {
  it('mean latency equals d', () => {
    const check = findCheck(checks, 'webhook/mean-latency/constant');

    expect(check.simulated).toBe(WEBHOOK_LATENCY_MS);
  });

  it('max latency equals d', () => {
    const check = findCheck(checks, 'webhook/max-latency/constant');

    expect(check.simulated).toBe(WEBHOOK_LATENCY_MS);
  });

  it('sends no requests', () => {
    const check = findCheck(checks, 'webhook/requests');

    expect(check.simulated).toBe(0);
  });

  it('wastes no requests', () => {
    const check = findCheck(checks, 'webhook/wasted-requests');

    expect(check.simulated).toBe(0);
  });

  it('delivers to each interested consumer', () => {
    const check = findCheck(checks, 'webhook/deliveries');

    expect(check.predicted).toBe(WEBHOOK_EVENT_COUNT * CONSUMERS_PER_EVENT);
    expect(check.simulated).toBe(WEBHOOK_EVENT_COUNT * CONSUMERS_PER_EVENT);
  });

  it('mean latency matches E[D]', () => {
    const check = findCheck(checks, 'webhook/mean-latency/random');

    expect(check.predicted).toBe(MEAN_RANDOM_LATENCY_MS);
    expectWithinTolerance(check);
  });
});
