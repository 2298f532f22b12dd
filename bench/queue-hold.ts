/**
 * The hold-model comparison of the simulator's calendar queue with the binary heap that the
 * bare loop uses. Each queue contains a steady number of timers at random phases of one period,
 * and each operation pops the earliest timer and pushes it back one period later, as a
 * polling consumer does. Both queues run the same operations in alternating rounds.
 */
import { Bench } from 'tinybench';
import { CalendarQueue } from '../src/engine/calendar-queue.ts';
import { EventQueue } from '../src/engine/event-queue.ts';
import { createRandom } from '../src/engine/random.ts';
import type { Figure } from './figures.ts';
import { latencyOf, summaryFigure } from './figures.ts';
import type { Round } from './rounds.ts';
import { pairedRatios, pairNote, runRounds, samplesOf } from './rounds.ts';

/** The queue sizes compared: the engine workload's consumer count and the large run's. */
export const HOLD_SIZES = [1000, 100_000] as const;

/** Pop and push pairs per timed call, enough that a call lasts far longer than a timer tick. */
const HOLD_OPERATIONS = 500_000;

/** Period of every timer, in ms; the phases are uniform within it. */
const PERIOD_MS = 1000;

const SEED = 1;

type QueueKind = 'calendar' | 'heap';

/** The part of the queue contract that the hold model uses. */
interface HoldQueue {
  peekTime(): number;
  pop(): number | undefined;
  push(time: number, item: number): void;
}

const QUEUES: Record<QueueKind, () => HoldQueue> = {
  calendar: () => new CalendarQueue<number>(),
  heap: () => new EventQueue<number>(),
};

const LABELS: Record<QueueKind, string> = {
  calendar: 'calendar queue',
  heap: 'binary heap',
};

/**
 * Times both queues at each size in `rounds` alternating rounds, after one untimed call of
 * each, and returns each queue's rate and their ratio per size.
 */
export async function benchQueueHold(rounds: number): Promise<Figure[]> {
  const figures: Figure[] = [];

  for (const size of HOLD_SIZES) {
    const queues: Record<QueueKind, HoldQueue> = {
      calendar: fillQueue(QUEUES.calendar(), size),
      heap: fillQueue(QUEUES.heap(), size),
    };
    const measured = await runRounds<QueueKind, number>({
      tasks: ['heap', 'calendar'],
      rounds,
      warmUp: (kind) => timeHold(queues[kind], kind),
      measure: (kind) => timeHold(queues[kind], kind),
    });
    figures.push(...holdFigures(measured, size));
  }

  return figures;
}

/** Pushes `size` timers at seeded random phases of one period. */
function fillQueue(queue: HoldQueue, size: number): HoldQueue {
  const random = createRandom(SEED);
  for (let item = 0; item < size; item++) queue.push(random.next() * PERIOD_MS, item);
  return queue;
}

/** Times one call of `HOLD_OPERATIONS` pop and push pairs as a tinybench run of one iteration. */
async function timeHold(queue: HoldQueue, kind: QueueKind): Promise<number> {
  const bench = new Bench({
    name: 'queue hold',
    time: 0,
    iterations: 1,
    warmup: false,
    throws: true,
  });
  bench.add(kind, () => holdTimers(queue), { async: false });
  await bench.run();

  const task = bench.getTask(kind);
  if (task === undefined) throw new Error(`benchmark task '${kind}' is missing`);
  return latencyOf(task).mean;
}

/** Pops the earliest timer and pushes it back one period later, `HOLD_OPERATIONS` times. */
function holdTimers(queue: HoldQueue): void {
  for (let step = 0; step < HOLD_OPERATIONS; step++) {
    const time = queue.peekTime();
    const item = queue.pop() as number;
    queue.push(time + PERIOD_MS, item);
  }
}

function holdFigures(rounds: readonly Round<QueueKind, number>[], size: number): Figure[] {
  const items = `${size.toLocaleString('en-US')} items`;
  const rate = (ms: number) => (HOLD_OPERATIONS * 1000) / ms;
  const rateFigure = (kind: QueueKind) =>
    summaryFigure(
      `${LABELS[kind]} hold, pop + push: ${items}`,
      'ops/s',
      'bigger',
      samplesOf(rounds, kind, rate),
    );

  return [
    rateFigure('calendar'),
    rateFigure('heap'),
    {
      ...summaryFigure(
        `calendar queue / binary heap hold: ${items}`,
        'ratio',
        'bigger',
        pairedRatios(rounds, 'calendar', 'heap', rate),
      ),
      note: pairNote('the two rates'),
    },
  ];
}
