import { describe, expect, it } from 'vitest';
import weatherAlerts from '../../scenarios/weather-alerts.ts';
import { buildScenarioWorld, payloadField } from './scenario-worlds.ts';

const LOCATIONS = 200;
const REACH = 0.2;
const ALERTS = 2;

describe('weather-alerts rates', () => {
  const world = buildScenarioWorld(weatherAlerts, {
    duration: '100d',
    scenarioOptions: { locations: String(LOCATIONS), reach: String(REACH), alerts: '2' },
  });

  it('match reach times alerts', async () => {
    const events = (await world).log.events;
    const storms = Math.max(...events.map((event) => Number(payloadField(event, 'storm'))));
    const pairs = storms * LOCATIONS;
    // Per location and storm: a hit with probability reach, then a geometric count with mean m,
    // whose square has mean 2m² - m.
    const meanSquare = REACH * (2 * ALERTS ** 2 - ALERTS);
    const variance = meanSquare - (REACH * ALERTS) ** 2;

    expect(Math.abs(events.length / pairs - REACH * ALERTS)).toBeLessThan(
      4 * Math.sqrt(variance / pairs),
    );
  });

  it('are rare at each location', async () => {
    const perLocationDay = (await world).log.size / LOCATIONS / 100;

    expect(perLocationDay).toBeLessThan(1);
  });

  it('reach only their location', async () => {
    const { consumers } = await world;

    expect(consumers.map((consumer) => consumer.keys)).toContainEqual(['location-17']);
  });
});
