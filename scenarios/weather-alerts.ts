/**
 * Weather alerts for many locations: rare, but each one matters. A storm crosses the region
 * now and then and reaches some of the locations, and each location it reaches gets a short
 * series of alerts (a watch, then a warning, then an update). Each location has its own
 * consumer, which wants only its own alerts (key `location-N`) and wants them at once.
 *
 * Sources: the default interval of 30 seconds is that of the weatheralerts integration for
 * Home Assistant, which polls the US National Weather Service alerts API (api.weather.gov).
 * Its maintainer wrote on the project's GitHub tracker in August 2022 that it polls every 30
 * seconds unless configured otherwise. The storm figures are assumptions: one storm a day across the
 * region, reaching each location with probability 0.2, which then gets 2 alerts on average
 * (geometric), the first within 3 hours of the storm's start and the rest 10 to 60 minutes
 * apart. Each location averages 0.4 alerts a day.
 */
import type { Distribution } from '../src/engine/distributions.ts';
import { sample } from '../src/engine/distributions.ts';
import { chance, geometricCount, poissonTimes } from '../src/engine/processes.ts';
import type { Random } from '../src/engine/random.ts';
import type { EventInput } from '../src/model/event-log.ts';
import { defineScenario } from '../src/model/scenario.ts';
import { checkConsumerCount, checkEventCount } from '../src/runtime/run-size.ts';

/** Midnight UTC, Monday 2 March 2026. */
const START = Date.UTC(2026, 2, 2);

const ALERT_KINDS = ['watch', 'warning', 'update'] as const;

export default defineScenario({
  name: 'weather-alerts',
  summary: 'rare weather alerts for many locations, each consumer watching its own',
  options: {
    locations: {
      type: 'integer',
      default: 10,
      min: 1,
      max: 1_000_000,
      description: 'locations, each with its own consumers',
    },
    storms: {
      type: 'rate',
      default: '1/d',
      description: 'mean rate of storms across the whole region, like 1/d',
    },
    reach: {
      type: 'number',
      default: 0.2,
      min: 0,
      max: 1,
      description: 'chance that a storm reaches a given location',
    },
    alerts: {
      type: 'number',
      default: 2,
      min: 1,
      max: 1_000,
      description: 'mean alerts for a location a storm reaches (geometric, at least 1)',
    },
    arrival: {
      type: 'distribution',
      default: 'uniform(0s, 3h)',
      description: "time from a storm's start to a location's first alert",
    },
    alertGap: {
      type: 'distribution',
      default: 'uniform(10m, 60m)',
      description: 'time between two alerts of one storm at one location',
    },
  },
  defaults: {
    interval: '30s',
    duration: '7d',
    consumers: 1,
  },
  build({ options, duration, consumers, random }) {
    const end = START + (duration ?? 7 * 86_400_000);
    const expected = options.storms * (end - START) * options.locations * options.reach;
    checkEventCount(expected * options.alerts);
    checkConsumerCount(options.locations * consumers);

    const storms = poissonTimes(options.storms, START, end, random);
    const events: EventInput[] = [];
    const watchers = [];

    for (let location = 1; location <= options.locations; location++) {
      for (const [index, storm] of storms.entries()) {
        if (!chance(options.reach, random)) continue;
        const alerts = { location, storm: index + 1, start: storm, end, ...options };
        events.push(...drawAlerts(alerts, random));
      }
      for (let copy = 0; copy < consumers; copy++)
        watchers.push({ keys: [`location-${location}`] });
    }

    return { start: START, end, events, consumers: watchers };
  },
});

interface StormAtLocation {
  readonly location: number;
  readonly storm: number;
  /** When the storm starts, in ms since the Unix epoch. */
  readonly start: number;
  /** When the window closes; alerts after it are left out. */
  readonly end: number;
  readonly alerts: number;
  readonly arrival: Distribution;
  readonly alertGap: Distribution;
}

/** Draws the alerts one storm brings to one location. */
function drawAlerts(input: StormAtLocation, random: Random): EventInput[] {
  const alerts: EventInput[] = [];
  const key = `location-${input.location}`;
  const count = geometricCount(input.alerts, random);
  let time = input.start + sample(input.arrival, random);

  for (let alert = 1; alert <= count && time < input.end; alert++) {
    const kind = ALERT_KINDS[Math.min(alert, ALERT_KINDS.length) - 1];
    alerts.push({ time, key, payload: { location: input.location, storm: input.storm, kind } });
    time += sample(input.alertGap, random);
  }

  return alerts;
}
