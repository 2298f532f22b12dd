import { describe, expect, it, onTestFinished } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { createStream } from '../../src/engine/random.ts';
import type { StreamRequest } from '../../src/live/stream-hub.ts';
import { StreamHub } from '../../src/live/stream-hub.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { Faults } from '../../src/model/faults.ts';
import { createProducerState } from '../../src/model/producer.ts';
import { createAbortController, LiveClock, realNow } from '../../src/runtime/live-clock.ts';
import { faultsWith } from '../faults/fault-worlds.ts';

/** The producer's scenario clock when a test starts: after every event and every drop. */
const NOW = 10_000;

/** Scenario ms per real ms, so that a wait of 500 scenario ms takes 5 real ms. */
const TIME_SCALE = 100;

/** What a stream's sink was asked to do, in order: `send 3`, `cut` or `finish`. */
type SinkLog = string[];

/** Starts a hub over events 1 to 4 at 1000, 2000, 3000 and 4000, with `faults`. */
function startHub(faults: Faults): StreamHub {
  const state = createProducerState(
    new EventLog([1000, 2000, 3000, 4000].map((time) => ({ time }))),
  );
  const abort = createAbortController();
  const clock = new LiveClock(NOW, realNow(), TIME_SCALE, abort.signal);
  const hub = new StreamHub({
    state,
    faults,
    latency: constant(0),
    random: createStream(1, 'stream-hub'),
    now: () => clock.now(),
  });
  hub.start(clock);

  onTestFinished(() => {
    hub.close();
    abort.abort();
  });
  return hub;
}

/** Attaches a stream and resolves with its sink's log once the hub cuts or finishes it. */
function attachAndWait(hub: StreamHub, request: StreamRequest): Promise<SinkLog> {
  const log: SinkLog = [];

  return new Promise((resolve) => {
    hub.attach(request, {
      send: (event) => log.push(`send ${event.seq}`),
      cut: () => resolve([...log, 'cut']),
      finish: () => resolve([...log, 'finish']),
    });
  });
}

describe('StreamHub', () => {
  it('replays, then finishes', async () => {
    const hub = startHub(faultsWith({}));
    const log = await attachAndWait(hub, { consumer: 0, keys: undefined, lastSeq: 2, time: NOW });
    expect(log).toEqual(['send 3', 'send 4', 'finish']);
  });

  it('counts no reset on finish', async () => {
    const hub = startHub(faultsWith({}));
    await attachAndWait(hub, { consumer: 0, keys: undefined, lastSeq: 2, time: NOW });
    expect(hub.stats.resets).toBe(0);
  });

  it('applies a drop it was late for', async () => {
    const hub = startHub(faultsWith({ producer: { streamDrops: [3500] } }));
    const log = await attachAndWait(hub, { consumer: 0, keys: undefined, lastSeq: 1, time: 2500 });
    expect(log).toEqual(['send 2', 'send 3', 'cut']);
  });

  it('counts the late drop', async () => {
    const hub = startHub(faultsWith({ producer: { streamDrops: [3500] } }));
    await attachAndWait(hub, { consumer: 0, keys: undefined, lastSeq: 1, time: 2500 });
    expect(hub.stats).toEqual({ deliveries: 2, resets: 1 });
  });

  it('drops streams on time', async () => {
    const hub = startHub(faultsWith({ producer: { streamDrops: [NOW + 500] } }));
    const log = await attachAndWait(hub, { consumer: 0, keys: undefined, lastSeq: 4, time: NOW });
    expect(log).toEqual(['cut']);
  });

  it('cuts an idle stream', async () => {
    const hub = startHub(faultsWith({ idleCutMs: 500 }));
    await attachAndWait(hub, { consumer: 0, keys: undefined, lastSeq: 4, time: NOW });
    expect(hub.stats.resets).toBe(1);
  });

  it('admits within the replay', () => {
    const hub = startHub(faultsWith({ producer: { replay: 2 } }));
    expect(hub.admit({ consumer: 0, keys: undefined, lastSeq: 2, time: NOW })).toEqual({
      state: 'open',
    });
  });

  it('is gone past the replay', () => {
    const hub = startHub(faultsWith({ producer: { replay: 2 } }));
    expect(hub.admit({ consumer: 0, keys: undefined, lastSeq: 1, time: NOW }).state).toBe('gone');
  });

  it('fails with 503 when down', () => {
    const hub = startHub(faultsWith({ producer: { outage: [{ start: NOW, end: NOW + 1 }] } }));
    expect(hub.admit({ consumer: 0, keys: undefined, lastSeq: 4, time: NOW })).toMatchObject({
      state: 'failed',
      status: 503,
    });
  });
});
