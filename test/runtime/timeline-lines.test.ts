import { describe, expect, it } from 'vitest';
import { renderStrategyTimeline } from '../../src/report/timeline.ts';
import { timelineOf } from './timeline-worlds.ts';
import { buildTestWorld, MINUTE, SECOND } from './worlds.ts';

// Two events between polls that fall at 11, 12, 13, 14 and 15 minutes after the epoch.
const world = () =>
  buildTestWorld([
    { time: 11.5 * MINUTE, key: 'game-1' },
    { time: 13.25 * MINUTE, key: 'game-2' },
  ]);

const linesOf = (text: string) => text.split('\n').filter((line) => line !== '');

describe('poll timeline', () => {
  const text = renderStrategyTimeline(timelineOf('poll', world()));

  it('lists each poll and event', () => {
    expect(linesOf(text)).toEqual([
      'Timeline of poll (UTC):',
      '1970-01-01',
      '  00:11:00  consumer 0  -> poll',
      '  00:11:00  consumer 0  <- 200, nothing new',
      '  00:11:30  producer    event 1 (game-1)',
      '  00:12:00  consumer 0  -> poll',
      '  00:12:00  consumer 0  <- 200, 1 new event (1)',
      '  00:13:00  consumer 0  -> poll',
      '  00:13:00  consumer 0  <- 200, nothing new',
      '  00:13:15  producer    event 2 (game-2)',
      '  00:14:00  consumer 0  -> poll',
      '  00:14:00  consumer 0  <- 200, 1 new event (2)',
      '  00:15:00  consumer 0  -> poll',
      '  00:15:00  consumer 0  <- 200, nothing new',
    ]);
  });
});

describe('webhook timeline', () => {
  // With one second each way, a push reaches the consumer one second after its event, and
  // the receiver's 204 reaches the producer one second later.
  const text = renderStrategyTimeline(timelineOf('webhook', world(), SECOND));

  it('lists the subscription and pushes', () => {
    expect(linesOf(text)).toEqual([
      'Timeline of webhook (UTC):',
      '1970-01-01',
      '  00:09:30  consumer 0  -> subscribe ("call me")',
      '  00:09:32  consumer 0  <- subscribed',
      '  00:11:30  producer    event 1 (game-1)',
      '  00:11:30  producer    -> push event 1 to 0',
      '  00:11:31  consumer 0  <- event 1',
      '  00:11:32  producer    <- 204 from 0',
      '  00:13:15  producer    event 2 (game-2)',
      '  00:13:15  producer    -> push event 2 to 0',
      '  00:13:16  consumer 0  <- event 2',
      '  00:13:17  producer    <- 204 from 0',
    ]);
  });
});
