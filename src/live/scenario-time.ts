/**
 * The header in which a live run's processes exchange scenario times, in ms since the Unix
 * epoch. A client sends the time at which its request leaves by its own process clock, and a
 * server acts as if the request arrived then. Decisions then do not drift with real delays.
 */
export const SCENARIO_TIME_HEADER = 'x-scenario-time';

/** Reads a scenario time header; returns `undefined` when it is absent or not a number. */
export function readScenarioTime(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const time = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(time) ? time : undefined;
}
