import { describe, expect, it } from 'vitest';
import emailEvents from '../../scenarios/email-events.ts';
import { PollVsPushError } from '../../src/errors.ts';
import { buildScenarioWorld, eventsWithKey, payloadField } from './scenario-worlds.ts';

const BOUNCE = 0.05;

describe('email-events bounces', () => {
  const world = buildScenarioWorld(emailEvents, {
    scenarioOptions: { rate: '2000/h', bounce: String(BOUNCE) },
  });

  it('match the --bounce share', async () => {
    const messages = eventsWithKey(await world, 'processed/').length;
    const bounced = eventsWithKey(await world, 'bounced/').length;
    const standardError = Math.sqrt((BOUNCE * (1 - BOUNCE)) / messages);

    expect(Math.abs(bounced / messages - BOUNCE)).toBeLessThan(4 * standardError);
  });

  it('never follow a delivery', async () => {
    const delivered = new Set(
      eventsWithKey(await world, 'delivered/').map((event) => payloadField(event, 'message')),
    );
    const both = eventsWithKey(await world, 'bounced/').filter((event) =>
      delivered.has(payloadField(event, 'message')),
    );

    expect(both).toEqual([]);
  });

  it('are all the consumer wants', async () => {
    const keys = (await world).consumers[0]?.keys ?? [];

    expect(keys.every((key) => key.startsWith('bounced/'))).toBe(true);
  });

  it('have one key per recipient', async () => {
    const keys = (await world).consumers[0]?.keys ?? [];

    expect(keys).toHaveLength(200);
  });
});

describe('email-events keys', () => {
  it('name messages with --key-by message', async () => {
    const world = await buildScenarioWorld(emailEvents, { scenarioOptions: { keyBy: 'message' } });
    const messages = eventsWithKey(world, 'processed/').length;

    expect(world.consumers[0]?.keys).toHaveLength(messages);
  });

  it('name recipients by default', async () => {
    const world = await buildScenarioWorld(emailEvents, { scenarioOptions: { recipients: '7' } });

    expect(world.consumers[0]?.keys).toHaveLength(7);
  });

  it('follow each message in order', async () => {
    const world = await buildScenarioWorld(emailEvents, { scenarioOptions: { rate: '500/h' } });
    const processed = new Map(
      eventsWithKey(world, 'processed/').map((event) => [payloadField(event, 'message'), event]),
    );
    const early = eventsWithKey(world, 'delivered/').filter(
      (event) => event.time < (processed.get(payloadField(event, 'message'))?.time ?? Infinity),
    );

    expect(early).toEqual([]);
  });

  it('let a consumer want all', async () => {
    const world = await buildScenarioWorld(emailEvents, { scenarioOptions: { want: 'all' } });

    expect(world.consumers[0]?.keys).toBeUndefined();
  });
});

describe('email-events options', () => {
  it('reject an unknown --key-by', async () => {
    const error = await buildScenarioWorld(emailEvents, {
      scenarioOptions: { keyBy: 'domain' },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PollVsPushError);
    expect((error as PollVsPushError).message).toContain('--key-by must be one of');
  });

  it('reject clicks above opens', async () => {
    const error = await buildScenarioWorld(emailEvents, {
      scenarioOptions: { open: '0.1', click: '0.2' },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PollVsPushError);
    expect((error as PollVsPushError).message).toContain('--click must be at most');
  });
});
