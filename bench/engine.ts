import type { Task } from 'tinybench';
import { Bench } from 'tinybench';
import { EventQueue } from '../src/engine/event-queue.ts';
import type { World } from '../src/model/world.ts';
import { runBareLoop } from './bare-loop.ts';
import type { Figure } from './figures.ts';
import { latencyOf, rateFigure, summaryFigure } from './figures.ts';
import type { Profile } from './profiles.ts';
import { benchQueueHold } from './queue-hold.ts';
import type { Round } from './rounds.ts';
import { pairedRatios, pairNote, runRounds, samplesOf } from './rounds.ts';
import type { PollWorkload } from './world.ts';
import { buildPollWorld, simulatePolling } from './world.ts';

/**
 * The in-process figures: the simulator, its bare-loop baseline, their ratio, the bare loop's
 * queue, and the simulator's queue against the bare loop's in a hold model.
 */
export interface EngineFigures {
  readonly sim: Figure;
  readonly bare: Figure;
  readonly ratio: Figure;
  readonly queue: Figure;
  readonly hold: readonly Figure[];
}

/** Pop and push pairs per call of the queue task, so one call lasts milliseconds. */
const QUEUE_BATCH = 100_000;
const QUEUE_ITEMS = 1000;

type Loop = 'bare' | 'sim';

const LOOPS: Record<Loop, (world: World, workload: PollWorkload) => number> = {
  bare: (world, workload) => runBareLoop(world, workload).requests,
  sim: (world, workload) => simulatePolling(world, workload).requests,
};

/** One call of one loop: its time in ms and the polls it made. */
interface LoopSample {
  readonly ms: number;
  readonly polls: number;
}

/**
 * Times the simulator and the bare loop on the same world in rounds (see rounds.ts). Each
 * round times one call of each, back to back, so that both see the same load on the machine.
 * One untimed call of each loop comes first, so that both time code V8 has already optimized.
 */
export async function benchEngine(profile: Profile): Promise<EngineFigures> {
  const workload = profile.engine;
  const world = buildPollWorld(workload);

  const rounds = await runRounds<Loop, LoopSample>({
    tasks: ['bare', 'sim'],
    rounds: profile.engineRounds,
    warmUp: (loop) => timeLoop(world, workload, loop),
    measure: (loop) => timeLoop(world, workload, loop),
  });
  for (const round of rounds) checkSameWork(round.samples.sim.polls, round.samples.bare.polls);

  return engineFigures(rounds, workload);
}

/** Times one call of a loop as a tinybench run of one iteration. */
async function timeLoop(world: World, workload: PollWorkload, loop: Loop): Promise<LoopSample> {
  let polls = 0;
  const bench = new Bench({
    name: 'engine round',
    time: 0,
    iterations: 1,
    warmup: false,
    throws: true,
  });
  bench.add(
    loop,
    () => {
      polls = LOOPS[loop](world, workload);
    },
    { async: false },
  );
  await bench.run();

  return { ms: latencyOf(task(bench, loop)).mean, polls };
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
  rounds: readonly Round<Loop, LoopSample>[],
  workload: PollWorkload,
): Promise<EngineFigures> {
  const size = describeWorkload(workload);
  const rate = (sample: LoopSample) => (sample.polls * 1000) / sample.ms;

  return {
    sim: summaryFigure(`sim poll: ${size}`, 'events/s', 'bigger', samplesOf(rounds, 'sim', rate)),
    bare: summaryFigure(
      `bare heap loop: ${size}`,
      'events/s',
      'bigger',
      samplesOf(rounds, 'bare', rate),
    ),
    ratio: {
      ...summaryFigure(
        `sim / bare heap loop: ${size}`,
        'ratio',
        'bigger',
        pairedRatios(rounds, 'sim', 'bare', rate),
      ),
      note: pairNote('the two rates'),
    },
    queue: await benchQueue(),
    hold: await benchQueueHold(rounds.length),
  };
}

/** Times pop and push pairs on `EventQueue`, the bare loop's binary heap, holding 1,000 items. */
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

/** Names a workload's size, such as "1,000 consumers x 10,000 s". */
export function describeWorkload(workload: PollWorkload): string {
  const consumers = workload.consumers.toLocaleString('en-US');
  const seconds = (workload.durationMs / 1000).toLocaleString('en-US');
  return `${consumers} consumers x ${seconds} s`;
}
