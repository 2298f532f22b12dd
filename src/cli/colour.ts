import type { OutputFormat } from '../report/reporters.ts';
import type { Style } from '../report/style.ts';
import { createStyle } from '../report/style.ts';

/** The facts that decide whether stdout takes colour: a terminal or not, and the environment. */
export interface ColourContext {
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Decides whether stdout takes colour. `NO_COLOR` set to any non-empty value turns colour off
 * (no-color.org), before anything else. Otherwise `FORCE_COLOR` set to `0` turns it off, and
 * to any other non-empty value turns it on even in a pipe or a file. Without either, colour
 * goes to a terminal only, and not to one whose `TERM` is `dumb`.
 */
export function useColour({ isTTY, env }: ColourContext): boolean {
  if (isSet(env.NO_COLOR)) return false;
  if (isSet(env.FORCE_COLOR)) return env.FORCE_COLOR !== '0';
  return isTTY && env.TERM !== 'dumb';
}

/**
 * Picks the style of a report in `format`. Only the table is for people, so only the table
 * takes colour, and only when `colour` (the result of `useColour`) allows it.
 */
export function styleFor(format: OutputFormat, colour: boolean | undefined): Style {
  return createStyle(colour === true && format === 'table');
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
