import { describe, expect, it } from 'vitest';
import poisson from '../../scenarios/poisson.ts';
import { DAY_MS } from '../../src/metrics/cost.ts';
import type { Prices } from '../../src/model/prices.ts';
import { priceReport } from '../../src/report/cost.ts';
import { runScenario } from '../../src/runtime/run.ts';
import { SIMULATION_TIMEOUT_MS } from './expect-check.ts';

/**
 * With one consumer polling every T, polls cost a / T per unit time and webhook deliveries
 * b · λ, so the two cost the same at λ* = a / (b · T), and at a given λ with polls T* = a / (b · λ)
 * apart. A run measures N polls in a window W, and N lies between W / T and W / T + 1: the
 * consumer starts at a random phase and sends one last poll after the window. Each webhook event
 * is one delivery. The measured break-even is therefore λ* times N · T / W, so it lies between
 * the formula and 1 + T / W times the formula. The same bound applies to T*.
 */
interface Case {
  readonly rate: string;
  readonly interval: string;
  readonly intervalMs: number;
  readonly prices: Prices;
}

const HTTP_API: Prices = { perRequest: 1.2e-6, perDelivery: 0.2e-6 };
const DEAR_PUSH: Prices = { perRequest: 0.4e-6, perDelivery: 1e-6 };

const CASES: readonly Case[] = [
  { rate: '0.5/min', interval: '1m', intervalMs: 60_000, prices: HTTP_API },
  { rate: '2/min', interval: '1m', intervalMs: 60_000, prices: HTTP_API },
  { rate: '6/min', interval: '1m', intervalMs: 60_000, prices: HTTP_API },
  { rate: '20/min', interval: '1m', intervalMs: 60_000, prices: HTTP_API },
  { rate: '1/h', interval: '5m', intervalMs: 300_000, prices: DEAR_PUSH },
  { rate: '30/h', interval: '5m', intervalMs: 300_000, prices: DEAR_PUSH },
];

/** The window of every run: the poisson scenario's default of one day. */
const WINDOW_MS = DAY_MS;

async function breakEvenOf(testCase: Case) {
  const report = await runScenario(poisson, {
    interval: testCase.interval,
    scenarioOptions: { rate: testCase.rate },
  });
  const { breakEven } = priceReport(report, testCase.prices);
  if (breakEven.state !== 'found') throw new Error(`no break-even: ${breakEven.reason}`);
  return { breakEven, events: report.world.events };
}

describe('break-even against a / (b · T)', () => {
  it.each(CASES)(
    'event rate at $rate, every $interval',
    async (testCase) => {
      const { breakEven } = await breakEvenOf(testCase);
      const { perRequest, perDelivery } = testCase.prices;
      const formula = (perRequest / (perDelivery * testCase.intervalMs)) * DAY_MS;
      const ratio = (breakEven.eventsPerDay ?? Number.NaN) / formula;

      expect(ratio).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(ratio).toBeLessThanOrEqual(1 + testCase.intervalMs / WINDOW_MS + 1e-12);
    },
    SIMULATION_TIMEOUT_MS,
  );

  it.each(CASES)(
    'interval at $rate, every $interval',
    async (testCase) => {
      const { breakEven, events } = await breakEvenOf(testCase);
      const { perRequest, perDelivery } = testCase.prices;
      const formula = perRequest / (perDelivery * (events / WINDOW_MS));
      const ratio = (breakEven.intervalMs ?? Number.NaN) / formula;

      expect(ratio).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(ratio).toBeLessThanOrEqual(1 + testCase.intervalMs / WINDOW_MS + 1e-12);
    },
    SIMULATION_TIMEOUT_MS,
  );

  it('names webhook cheaper below', async () => {
    const { breakEven } = await breakEvenOf(CASES[1] as Case);

    expect(breakEven.cheaperBelow).toBe('webhook');
    expect(breakEven.cheaperAbove).toBe('poll');
  });
});
