import { Bench } from 'tinybench';
import { EventQueue } from '../src/engine/event-queue.ts';
import { runBareLoop } from './bare-loop.ts';
import type { Figure } from './figures.ts';
import { rateFigure, ratioFigure } from './figures.ts';
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

/**
 * Times the simulator and the bare loop on the same world, one task after the other in this
 * process, and checks that both counted the same polls; the ratio is only fair if they did.
 */
export async function benchEngine(profile: Profile): Promise<EngineFigures> {
  const workload = profile.engine;
  const world = buildPollWorld(workload);
  const polls = { sim: 0, bare: 0 };

  const bench = new Bench({
    name: 'engine',
    time: 0,
    iterations: profile.engineSamples,
    warmupTime: 0,
    warmupIterations: 1,
    throws: true,
  });

  const runBare = () => {
    polls.bare = runBareLoop(world, workload).requests;
  };
  const runSim = () => {
    polls.sim = simulatePolling(world, workload).requests;
  };
  bench.add('bare', runBare, { async: false });
  bench.add('sim', runSim, { async: false });
  await bench.run();

  checkSameWork(polls.sim, polls.bare);
  return engineFigures(bench, workload, polls.sim);
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
  bench: Bench,
  workload: PollWorkload,
  polls: number,
): Promise<EngineFigures> {
  const size = describeWorkload(workload);
  const sim = rateFigure(`sim poll: ${size}`, 'events/s', task(bench, 'sim'), polls);
  const bare = rateFigure(`bare heap loop: ${size}`, 'events/s', task(bench, 'bare'), polls);
  const ratio = ratioFigure(`sim / bare heap loop: ${size}`, sim, bare);

  return { sim, bare, ratio, queue: await benchQueue() };
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

function task(bench: Bench, name: string) {
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
