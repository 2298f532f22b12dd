import { flagOf } from '../../model/option-values.ts';

/** A table of figures as text for people: a header row and a row per strategy or point. */
export interface FiguresTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The command, seed and settings that a report page shows, so that its run can be repeated. */
export interface PageOptions {
  readonly command: string;
  readonly seed: number;
  readonly settings: readonly (readonly [string, string])[];
}

/**
 * Lists how a report was made: the command as given and every setting in effect, defaults
 * included, each under its option's flag, in the order the report keeps them.
 */
export function pageOptions(
  report: { readonly seed: number; readonly options: Readonly<Record<string, string>> },
  command: string,
): PageOptions {
  const settings = Object.entries(report.options).map(
    ([key, value]) => [flagOf(key), value] as const,
  );
  return { command, seed: report.seed, settings };
}
