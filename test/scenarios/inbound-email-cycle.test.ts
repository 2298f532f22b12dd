import { describe, expect, it } from 'vitest';
import inboundEmail from '../../scenarios/inbound-email.ts';
import { DAY_MS } from '../../src/engine/processes.ts';
import { buildScenarioWorld } from './scenario-worlds.ts';

const PEAK = 14.5;
const SWING = 0.6;

/**
 * With a rate proportional to 1 + swing * cos(θ - peak angle), the hour angle θ of an arrival
 * has E[cos θ, sin θ] = (swing / 2) (cos, sin)(peak angle). The mean direction of the angles
 * estimates the peak hour, and their mean length estimates swing / 2.
 */
function meanAngle(times: readonly number[]): { hour: number; length: number } {
  let cos = 0;
  let sin = 0;
  for (const time of times) {
    const angle = (2 * Math.PI * (time % DAY_MS)) / DAY_MS;
    cos += Math.cos(angle);
    sin += Math.sin(angle);
  }

  const angle = Math.atan2(sin, cos);
  const hour = ((((angle / (2 * Math.PI)) * 24) % 24) + 24) % 24;
  return { hour, length: Math.hypot(cos, sin) / times.length };
}

describe('inbound-email daily cycle', () => {
  const world = buildScenarioWorld(inboundEmail, {
    duration: '10d',
    scenarioOptions: { mailboxes: '200', peak: String(PEAK), swing: String(SWING) },
  });

  it('peaks at the --peak hour', async () => {
    const { hour } = meanAngle((await world).log.events.map((event) => event.time));

    expect(hour).toBeCloseTo(PEAK, 1);
  });

  it('swings by the --swing share', async () => {
    const times = (await world).log.events.map((event) => event.time);
    const { length } = meanAngle(times);
    // Each angle's cosine has a variance of at most 1/2, so the mean's standard error is at most
    // sqrt(1 / (2n)).
    const standardError = Math.sqrt(1 / (2 * times.length));

    expect(Math.abs(length - SWING / 2)).toBeLessThan(4 * standardError);
  });

  it('keeps the --rate mean', async () => {
    const events = (await world).log.size;
    const expected = 200 * 60 * 10;

    expect(Math.abs(events - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('gives each mailbox a consumer', async () => {
    const { consumers } = await world;

    expect(consumers.map((consumer) => consumer.keys)).toContainEqual(['mailbox-200']);
  });
});
