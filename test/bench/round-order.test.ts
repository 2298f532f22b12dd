import { describe, expect, it } from 'vitest';
import type { TaskPair } from '../../bench/rounds.ts';
import { pairedRatios, pairRatios, roundOrder, runRounds } from '../../bench/rounds.ts';

/**
 * These tests check the mechanism that keeps a comparison independent of task order, with
 * made-up times rather than real ones. On a shared 2-core machine, real times of two identical
 * tasks differ by tens of percent from one call to the next as other work comes and goes. Any
 * band narrow enough to catch an order effect would then fail at random.
 */

type Task = 'a' | 'b';
const TASKS: TaskPair<Task> = ['a', 'b'];

/**
 * Returns a measurement whose time is the task's own cost, times `penalty` for whichever task
 * runs second in its round, as a cache or a garbage collection left by the first would do.
 */
function withOrderEffect(costs: Record<Task, number>, penalty: number) {
  let calls = 0;
  return async (task: Task) => {
    const second = calls % 2 === 1;
    calls++;
    return costs[task] * (second ? penalty : 1);
  };
}

describe('comparison rounds', () => {
  it('alternate the order each round', async () => {
    const calls: Task[] = [];
    await runRounds({
      tasks: TASKS,
      rounds: 4,
      measure: async (task) => {
        calls.push(task);
        return 1;
      },
    });

    expect(calls).toEqual(['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
  });

  it('put each task first equally often', async () => {
    const rounds = await runRounds({ tasks: TASKS, rounds: 6, measure: async () => 1 });
    const firsts = rounds.filter((round) => round.order[0] === 'a').length;

    expect(firsts).toBe(3);
  });

  it('warm up each task before timing', async () => {
    const calls: string[] = [];
    const rounds = await runRounds({
      tasks: TASKS,
      rounds: 2,
      warmUp: async (task) => calls.push(`warm ${task}`),
      measure: async (task) => {
        calls.push(task);
        return calls.length;
      },
    });

    expect(calls.slice(0, 3)).toEqual(['warm a', 'warm b', 'a']);
    expect(rounds).toHaveLength(2);
  });

  it('reject an odd round count', async () => {
    const running = runRounds({ tasks: TASKS, rounds: 3, measure: async () => 1 });

    await expect(running).rejects.toThrow('even number of rounds');
  });

  it('reverse the order in odd rounds', () => {
    expect(roundOrder(TASKS, 1)).toEqual(['b', 'a']);
  });
});

describe('paired ratios', () => {
  it('cancel an order effect', async () => {
    const measure = withOrderEffect({ a: 10, b: 10 }, 1.5);
    const rounds = await runRounds({ tasks: TASKS, rounds: 6, measure });

    for (const ratio of pairedRatios(rounds, 'a', 'b', (ms) => ms)) {
      expect(ratio).toBeCloseTo(1, 12);
    }
  });

  it('keep the true ratio', async () => {
    const measure = withOrderEffect({ a: 10, b: 40 }, 1.3);
    const rounds = await runRounds({ tasks: TASKS, rounds: 4, measure });

    for (const ratio of pairedRatios(rounds, 'a', 'b', (ms) => ms)) {
      expect(ratio).toBeCloseTo(0.25, 12);
    }
  });

  it('agree when the tasks swap', async () => {
    const forward = await runRounds({
      tasks: ['a', 'b'] as const,
      rounds: 4,
      measure: withOrderEffect({ a: 10, b: 10 }, 0.7),
    });
    const backward = await runRounds({
      tasks: ['b', 'a'] as const,
      rounds: 4,
      measure: withOrderEffect({ a: 10, b: 10 }, 0.7),
    });
    const ab = pairedRatios(forward, 'a', 'b', (ms) => ms);
    const ba = pairedRatios(backward, 'a', 'b', (ms) => ms);

    expect(ab).toEqual(ba);
  });

  it('show the effect per round', async () => {
    const measure = withOrderEffect({ a: 10, b: 10 }, 1.5);
    const rounds = await runRounds({ tasks: TASKS, rounds: 2, measure });
    const first = rounds[0];

    expect(first === undefined ? 0 : first.samples.a / first.samples.b).toBeCloseTo(1 / 1.5, 12);
  });

  it('pair two rounds each', () => {
    expect(pairRatios([2, 0.5, 4, 1])).toEqual([1, 2]);
  });
});
