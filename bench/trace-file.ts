import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sample } from '../src/engine/distributions.ts';
import { createStream } from '../src/engine/random.ts';

/** Rows of the generated trace: enough events for every strategy to poll and push. */
const TRACE_ROWS = 200;
const TRACE_START = Date.UTC(2026, 0, 1);
/** Mean gap between rows: about 10 minutes, so the trace spans about a day and a half. */
const MEAN_GAP_MS = 10 * 60_000;
const NETWORKS = ['us', 'ci', 'nc'] as const;

/**
 * The columns of the generated trace. Each row gives its time under every time column that the
 * built-in trace scenarios read (`time`, `released_at`, `merged_at`), and the key and filter
 * columns of the earthquake catalogue (`net`, `type`, `mag`). A trace scenario whose columns
 * are not among these fails to load the file and is skipped with that error.
 */
export const TRACE_COLUMNS = ['time', 'released_at', 'merged_at', 'net', 'type', 'mag'] as const;

/** A generated trace file and the way to remove it. */
export interface TraceFile {
  readonly path: string;
  readonly rows: number;
  remove(): Promise<void>;
}

/**
 * Returns the CSV text of the generated trace. The rows come from a seeded stream, so the
 * text, and every figure of a scenario run on it, repeats exactly. Every tenth row is a quarry
 * blast, which the earthquake scenario's default filter drops.
 */
export function traceCsv(rows: number = TRACE_ROWS): string {
  const random = createStream(1, 'bench/trace');
  const gap = { kind: 'exponential', mean: MEAN_GAP_MS } as const;
  const lines: string[] = [TRACE_COLUMNS.join(',')];
  let time = TRACE_START;

  for (let row = 0; row < rows; row++) {
    time += Math.round(sample(gap, random));
    const iso = new Date(time).toISOString();
    const net = NETWORKS[row % NETWORKS.length] as string;
    const type = row % 10 === 9 ? 'quarry blast' : 'earthquake';
    const mag = (1 + (row % 40) / 10).toFixed(1);
    lines.push([iso, iso, iso, net, type, mag].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the generated trace to a new temporary folder. */
export async function writeTraceFile(rows: number = TRACE_ROWS): Promise<TraceFile> {
  const folder = await mkdtemp(join(tmpdir(), 'poll-vs-push-bench-'));
  const path = join(folder, 'trace.csv');
  await writeFile(path, traceCsv(rows), 'utf8');

  return { path, rows, remove: () => rm(folder, { recursive: true, force: true }) };
}
