/**
 * Events at random times with a constant mean rate: a Poisson process, whose gaps are
 * exponential. It has no story; it exists to compare the simulator with closed-form results,
 * such as the share of empty polls e^(-rate * interval).
 */
import { sample } from '../src/engine/distributions.ts';
import { defineScenario } from '../src/model/scenario.ts';
import { checkConsumerCount, checkEventCount } from '../src/runtime/run-size.ts';

const START = Date.UTC(2026, 0, 1);

export default defineScenario({
  name: 'poisson',
  summary: 'events at random times with a mean rate, for checks against theory',
  options: {
    rate: {
      type: 'rate',
      default: '1/min',
      description: 'mean event rate, written like 0.5/s, 1/min or 30/h',
    },
  },
  defaults: {
    interval: '1m',
    duration: '1d',
    consumers: 1,
  },
  build({ options, duration, consumers, random }) {
    const end = START + (duration ?? 86_400_000);
    const gap = { kind: 'exponential', mean: 1 / options.rate } as const;
    checkEventCount(options.rate * (end - START));
    checkConsumerCount(consumers);
    const events = [];

    for (let time = START + sample(gap, random); time < end; time += sample(gap, random)) {
      events.push({ time });
    }

    return { start: START, end, events, consumers: Array.from({ length: consumers }, () => ({})) };
  },
});
