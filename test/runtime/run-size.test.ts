import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import poisson from '../../scenarios/poisson.ts';
import { runScenario } from '../../src/runtime/run.ts';

/** Runs the bullpen with one strategy and options, and returns the error message it raises. */
async function refusal(strategy: string, knobs: Record<string, string>): Promise<string> {
  try {
    await runScenario(bullpen, { strategies: strategy, knobs });
    return 'no error';
  } catch (error: unknown) {
    return (error as Error).message;
  }
}

describe('run size per strategy', () => {
  it('refuses a backoff capped at 1 ms', async () => {
    expect(await refusal('poll-backoff', { backoffCap: '1ms' })).toContain(
      'polls with poll-backoff, more than the 100,000,000',
    );
  });

  it('refuses a reconciliation every 1 ms', async () => {
    expect(await refusal('hybrid', { reconcile: '1ms' })).toContain('a longer --reconcile');
  });

  it('refuses a stream cut every 1 ms', async () => {
    expect(await refusal('sse', { idleCut: '1ms' })).toContain('messages with sse');
  });

  it('refuses thousands of retries that can fail', async () => {
    // 86,400 events a day, each pushed with up to 2,001 attempts when every attempt fails.
    const schedule = Array.from({ length: 2_000 }, () => '1s').join(',');
    const input = {
      strategies: 'webhook',
      scenarioOptions: { rate: '1/s' },
      knobs: { errorRate: '1', retrySchedule: schedule },
    };
    await expect(runScenario(poisson, input)).rejects.toThrow('deliveries with webhook');
  });

  it('allows the same retries when nothing fails', async () => {
    const schedule = Array.from({ length: 2_000 }, () => '1s').join(',');
    const input = {
      strategies: 'webhook',
      duration: '1h',
      scenarioOptions: { rate: '1/s' },
      knobs: { retrySchedule: schedule },
    };
    await expect(runScenario(poisson, input)).resolves.toBeDefined();
  });
});
