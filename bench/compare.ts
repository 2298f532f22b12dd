import { readFile } from 'node:fs/promises';

/** One entry of github-action-benchmark's custom JSON format, as `--json` prints it. */
export interface BenchmarkEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  /** The smallest and largest sample, as text in the entry's unit; absent when exact. */
  readonly range?: string;
  /** The method behind the value, and whether bigger or smaller is better. */
  readonly extra?: string;
}

/**
 * The outcome of comparing one entry. `regressed` and `changed` fail the comparison, and the
 * other verdicts only inform.
 */
export type Verdict =
  | 'regressed'
  | 'within tolerance'
  | 'improved'
  | 'changed'
  | 'unchanged'
  | 'not gated';

/** One entry present in both reports. */
export interface ComparedEntry {
  readonly name: string;
  readonly unit: string;
  readonly saved: number;
  readonly current: number;
  /** The current value over the saved one, minus 1; 0 when the saved value is 0. */
  readonly change: number;
  readonly verdict: Verdict;
  /** Set on a deterministic entry whose text changed while its value stayed the same. */
  readonly detail?: string;
}

export interface Comparison {
  /** The largest fall of a ratio that passes, as a fraction, such as 0.2. */
  readonly tolerance: number;
  readonly entries: readonly ComparedEntry[];
  /** Names only in the saved report, such as figures of a group that did not run. */
  readonly onlySaved: readonly string[];
  /** Names only in the current report, such as new figures. */
  readonly onlyCurrent: readonly string[];
  readonly failed: boolean;
}

/** The prefix of the deterministic scenario figures, which any change fails. */
export const MODEL_PREFIX = 'scenario ';

/**
 * Compares a report with a saved one, entry by entry, by name:
 * - a ratio (unit `ratio`) regresses when it moves the bad way by more than `tolerance`, as a
 *   fraction of the saved value;
 * - a deterministic scenario figure changes when its value or its text differs at all;
 * - every other entry is an absolute figure of one machine and is shown but never gated.
 * The comparison fails on a regression or a change, or when the reports share no entry.
 */
export function compareReports(
  saved: readonly BenchmarkEntry[],
  current: readonly BenchmarkEntry[],
  tolerance: number,
): Comparison {
  const savedByName = new Map(saved.map((entry) => [entry.name, entry]));
  const currentNames = new Set(current.map((entry) => entry.name));
  const entries: ComparedEntry[] = [];

  for (const entry of current) {
    const before = savedByName.get(entry.name);
    if (before !== undefined) entries.push(compareEntry(before, entry, tolerance));
  }

  const failing = entries.some(
    (entry) => entry.verdict === 'regressed' || entry.verdict === 'changed',
  );
  return {
    tolerance,
    entries,
    onlySaved: saved.filter((entry) => !currentNames.has(entry.name)).map((entry) => entry.name),
    onlyCurrent: current.filter((entry) => !savedByName.has(entry.name)).map((e) => e.name),
    failed: failing || entries.length === 0,
  };
}

function compareEntry(
  saved: BenchmarkEntry,
  current: BenchmarkEntry,
  tolerance: number,
): ComparedEntry {
  const change = saved.value === 0 ? 0 : current.value / saved.value - 1;
  const base = {
    name: current.name,
    unit: current.unit,
    saved: saved.value,
    current: current.value,
    change,
  };

  if (current.name.startsWith(MODEL_PREFIX)) {
    if (saved.value !== current.value) return { ...base, verdict: 'changed' };
    if ((saved.extra ?? '') !== (current.extra ?? '')) {
      return { ...base, verdict: 'changed', detail: `was: ${saved.extra ?? ''}` };
    }
    return { ...base, verdict: 'unchanged' };
  }
  if (current.unit !== 'ratio') return { ...base, verdict: 'not gated' };

  // A ratio's good direction is named in its text; every ratio the benchmark makes is bigger.
  const smallerIsBetter = (current.extra ?? '').includes('smaller is better');
  const gain = smallerIsBetter ? -change : change;
  if (gain < -tolerance) return { ...base, verdict: 'regressed' };
  if (gain > tolerance) return { ...base, verdict: 'improved' };
  return { ...base, verdict: 'within tolerance' };
}

/** Reads a report that `--json` wrote; throws an error that names the file and the problem. */
export async function readReport(file: string): Promise<BenchmarkEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new Error(`cannot read the saved report '${file}': ${(error as Error).message}`);
  }
  return parseReport(text, file);
}

/** Parses and checks a saved report: a JSON array of entries with a name, unit and value. */
export function parseReport(text: string, file: string): BenchmarkEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw new Error(`the saved report '${file}' is not valid JSON: ${(error as Error).message}`);
  }

  if (!Array.isArray(value)) {
    throw new Error(`the saved report '${file}' must be a JSON array, as --json prints it`);
  }
  return value.map((entry: unknown, index) => checkEntry(entry, index, file));
}

function checkEntry(entry: unknown, index: number, file: string): BenchmarkEntry {
  const candidate = (entry ?? {}) as Partial<Record<keyof BenchmarkEntry, unknown>>;
  const { name, unit, value, range, extra } = candidate;
  const valid =
    typeof name === 'string' &&
    typeof unit === 'string' &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range === undefined || typeof range === 'string') &&
    (extra === undefined || typeof extra === 'string');

  if (!valid) {
    throw new Error(
      `entry ${index} of the saved report '${file}' must have a string name and unit and a ` +
        'finite number value, with optional string range and extra',
    );
  }
  return { name, unit, value, range, extra } as BenchmarkEntry;
}
