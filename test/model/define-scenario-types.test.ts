// The checks in this file are types: `npx tsc --noEmit` fails when defineScenario stops typing
// the build context from the option specs, or stops rejecting one of the mistakes below. Each
// `@ts-expect-error` fails the type check when the line under it compiles.
import { describe, expectTypeOf, it } from 'vitest';
import type { Distribution, Random, ScenarioPlan } from '../../src/index.ts';
import { defineScenario } from '../../src/index.ts';

const PLAN: ScenarioPlan = { start: 0, events: [], consumers: [{}] };

describe('defineScenario types', () => {
  it('types options from specs', () => {
    defineScenario({
      name: 'orders',
      summary: 'customers asking whether their order is ready',
      options: {
        orderRate: { type: 'rate', default: '30/h', description: 'orders placed' },
        preparation: { type: 'distribution', default: 'exp(10m)', description: 'wait' },
        tills: { type: 'integer', required: true, description: 'tills open' },
        shop: { type: 'string', description: 'shop name' },
      },
      build({ options }) {
        expectTypeOf(options.orderRate).toEqualTypeOf<number>();
        expectTypeOf(options.preparation).toEqualTypeOf<Distribution>();
        expectTypeOf(options.tills).toEqualTypeOf<number>();
        expectTypeOf(options.shop).toEqualTypeOf<string | undefined>();
        return PLAN;
      },
    });
  });

  it('types the build context', () => {
    defineScenario({
      name: 'orders',
      summary: 'orders',
      build(context) {
        expectTypeOf(context.duration).toEqualTypeOf<number | undefined>();
        expectTypeOf(context.consumers).toEqualTypeOf<number>();
        expectTypeOf(context.random).toEqualTypeOf<Random>();
        return PLAN;
      },
    });
  });

  it('rejects definition mistakes', () => {
    // @ts-expect-error: summary is missing.
    defineScenario({ name: 'orders', build: () => PLAN });

    defineScenario({
      name: 'orders',
      summary: 'orders',
      // @ts-expect-error: 'rat' is not an option type.
      options: { rate: { type: 'rat', description: 'orders' } },
      build: () => PLAN,
    });

    defineScenario({
      name: 'orders',
      summary: 'orders',
      // @ts-expect-error: a rate option's default is text such as '30/h'.
      options: { rate: { type: 'rate', default: 30, description: 'orders' } },
      build: () => PLAN,
    });

    defineScenario({
      name: 'orders',
      summary: 'orders',
      // @ts-expect-error: tuning values are text, as on the command line.
      defaults: { tuning: { hold: 60 } },
      build: () => PLAN,
    });
  });

  it('rejects plan mistakes', () => {
    defineScenario({
      name: 'orders',
      summary: 'orders',
      // @ts-expect-error: the event has no time.
      build: () => ({ start: 0, events: [{ key: 'order-1' }], consumers: [{}] }),
    });

    defineScenario({
      name: 'orders',
      summary: 'orders',
      // @ts-expect-error: keys is an array of strings.
      build: () => ({ start: 0, events: [], consumers: [{ keys: 'order-1' }] }),
    });
  });
});
