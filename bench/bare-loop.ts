import { EventQueue } from '../src/engine/event-queue.ts';
import { createStream } from '../src/engine/random.ts';
import type { World } from '../src/model/world.ts';
import { drawPhases, setupLead } from '../src/runtime/sim.ts';
import { pollStrategy } from '../src/strategies/poll.ts';
import type { PollWorkload } from './world.ts';
import { NO_LATENCY } from './world.ts';

/** Counts from the bare loop, for checking that it did the same work as the simulator. */
export interface BareLoopCounts {
  readonly requests: number;
  readonly wasted: number;
}

/** One polling consumer of the bare loop: a plain object that the heap stores directly. */
class PollTimer {
  cursor = 0;

  constructor(public next: number) {}
}

/**
 * Runs the baseline that the simulator is compared with: the project's event queue holding one
 * timer object per consumer, each rescheduling itself after every poll. It wakes at the same
 * times as the simulator's poll strategy, including each consumer's first wake-up at set-up
 * time, and does the bookkeeping a poll needs at minimum: count the request and compare the
 * producer's head with the consumer's cursor. It has no generators, effects, responses or
 * latency records, so the gap to the simulator is their cost.
 */
export function runBareLoop(world: World, workload: PollWorkload): BareLoopCounts {
  const queue = createTimers(world, workload);
  const { log, windowEnd } = world;
  const interval = workload.intervalMs;
  let requests = 0;
  let wasted = 0;

  for (;;) {
    const now = queue.peekTime();
    if (now === Number.POSITIVE_INFINITY) break;
    const timer = queue.pop() as PollTimer;

    if (timer.next > now) {
      queue.push(timer.next, timer);
      continue;
    }

    requests++;
    const head = log.headAt(now);
    if (head > timer.cursor) timer.cursor = head;
    else wasted++;

    if (timer.next >= windowEnd) continue;
    timer.next += interval;
    queue.push(timer.next, timer);
  }

  return { requests, wasted };
}

/**
 * Queues one timer per consumer at set-up time. The phases come from the same seeded stream as
 * the simulator's, so both poll at the same times and count the same events.
 */
function createTimers(world: World, workload: PollWorkload): EventQueue<PollTimer> {
  const random = createStream(workload.seed, `${pollStrategy.name}/consumers`);
  const phases = drawPhases(world.consumers.length, random);
  const queue = new EventQueue<PollTimer>();
  const setup = world.windowStart - setupLead(NO_LATENCY);

  for (const phase of phases) {
    queue.push(setup, new PollTimer(world.windowStart + phase * workload.intervalMs));
  }

  return queue;
}
