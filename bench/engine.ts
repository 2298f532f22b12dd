import type { Task } from 'tinybench';
import { Bench } from 'tinybench';
import { EventQueue } from '../src/engine/event-queue.ts';
import type { World } from '../src/model/world.ts';
import { runBareLoop } from './bare-loop.ts';
import type { Figure } from './figures.ts';
import { latencyOf, rateFigure, summaryFigure } from './figures.ts';
import type { Profile } from './profiles.ts';
import type { PollWorkload } from './world.ts';
import { buildPollWorld, simulatePolling } from './world.ts';

/** The in-process figures: the simulator, its bare-loop baseline, their ratio, the queue. */
export interface EngineFigures {
  readonly sim: Figure;
  readonly bare: Figure;
  readonly ratio: Figure;
  readonly queue: Figure;
}

/** Pop and push pairs per call of the queue task, so one call lasts milliseconds. */
const QUEUE_BATCH = 100_000;
const QUEUE_ITEMS = 1000;

type Loop = 'bare' | 'sim';

/** One round's call time of each loop, in ms, and the polls each call made. */
interface Round {
  readonly ms: Record<Loop, number>;
  readonly polls: number;
}

const LOOPS: Record<Loop, (world: World, workload: PollWorkload) => number> = {
  bare: (world, workload) => runBareLoop(world, workload).requests,
  sim: (world, workload) => simulatePolling(world, workload).requests,
};

/**
 * Times the simulator and the bare loop on the same world in rounds. Each round times one call
 * of each, back to back, so that both see the same load on the machine, and the ratio comes
 * from the two calls of one round. The first round starts with one untimed call of each loop,
 * and the order within a round alternates so that neither loop always runs after the other.
 */
export async function benchEngine(profile: Profile): Promise<EngineFigures> {
  const workload = profile.engine;
  const world = buildPollWorld(workload);
  const rounds: Round[] = [];

  for (let round = 0; round < profile.engineSamples; round++) {
    const order: Loop[] = round % 2 === 0 ? ['bare', 'sim'] : ['sim', 'bare'];
    rounds.push(await runRound(world, workload, order, round === 0));
  }

  return engineFigures(rounds, workload);
}

/** Runs one round as a tinybench run of one timed call per loop. */
async function runRound(
  world: World,
  workload: PollWorkload,
  order: readonly Loop[],
  warmUp: boolean,
): Promise<Round> {
  const polls: Record<Loop, number> = { bare: 0, sim: 0 };
  const bench = new Bench({
    name: 'engine round',
    time: 0,
    iterations: 1,
    warmup: warmUp,
    warmupTime: 0,
    warmupIterations: 1,
    throws: true,
  });

  for (const loop of order) {
    const call = () => {
      polls[loop] = LOOPS[loop](world, workload);
    };
    bench.add(loop, call, { async: false });
  }
  await bench.run();

  checkSameWork(polls.sim, polls.bare);
  const ms = { bare: callTime(bench, 'bare'), sim: callTime(bench, 'sim') };
  return { ms, polls: polls.sim };
}

function checkSameWork(simPolls: number, barePolls: number): void {
  if (simPolls !== barePolls) {
    throw new Error(
      `the bare loop made ${barePolls} polls but the simulator made ${simPolls}; ` +
        'the two must wake at the same times for their ratio to mean anything',
    );
  }
}

async function engineFigures(
  rounds: readonly Round[],
  workload: PollWorkload,
): Promise<EngineFigures> {
  const size = describeWorkload(workload);
  const rates = (loop: Loop) => rounds.map((round) => (round.polls * 1000) / round.ms[loop]);
  const ratios = rounds.map((round) => round.ms.bare / round.ms.sim);

  return {
    sim: summaryFigure(`sim poll: ${size}`, 'events/s', 'bigger', rates('sim')),
    bare: summaryFigure(`bare heap loop: ${size}`, 'events/s', 'bigger', rates('bare')),
    ratio: {
      ...summaryFigure(`sim / bare heap loop: ${size}`, 'ratio', 'bigger', ratios),
      note: "each sample is one round's ratio of the two rates",
    },
    queue: await benchQueue(),
  };
}

/** Times pop and push pairs on the project's event queue holding a steady 1,000 items. */
async function benchQueue(): Promise<Figure> {
  const queue = new EventQueue<number>();
  for (let item = 0; item < QUEUE_ITEMS; item++) queue.push(item, item);

  const bench = new Bench({ name: 'queue', time: 1000, warmupTime: 250, throws: true });
  bench.add('queue', () => cycleQueue(queue), { async: false });
  await bench.run();

  const name = `event queue pop + push: ${QUEUE_ITEMS.toLocaleString('en-US')} items`;
  return rateFigure(name, 'ops/s', task(bench, 'queue'), QUEUE_BATCH);
}

/** Pops the earliest item and pushes it back one period later, as a periodic timer does. */
function cycleQueue(queue: EventQueue<number>): void {
  for (let step = 0; step < QUEUE_BATCH; step++) {
    const time = queue.peekTime();
    const item = queue.pop() as number;
    queue.push(time + QUEUE_ITEMS, item);
  }
}

function task(bench: Bench, name: string): Task {
  const found = bench.getTask(name);
  if (found === undefined) throw new Error(`benchmark task '${name}' is missing`);
  return found;
}

/** Returns the time of a task's one timed call, in ms. */
function callTime(bench: Bench, name: string): number {
  return latencyOf(task(bench, name)).mean;
}

/** Names a workload's size, such as "1,000 consumers x 10,000 s". */
export function describeWorkload(workload: PollWorkload): string {
  const consumers = workload.consumers.toLocaleString('en-US');
  const seconds = (workload.durationMs / 1000).toLocaleString('en-US');
  return `${consumers} consumers x ${seconds} s`;
}
