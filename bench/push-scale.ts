import bullpen from '../scenarios/bullpen.ts';
import { runScenario } from '../src/runtime/run.ts';
import type { Figure } from './figures.ts';
import { summaryFigure } from './figures.ts';
import type { Profile } from './profiles.ts';
import { pairedRatios, pairNote, runRounds, samplesOf } from './rounds.ts';

/**
 * The bullpen scenario with one consumer per game, pushed by webhooks and polled, at one size.
 * Each event concerns one game's consumer, so both runs should grow linearly with the games,
 * and their ratio should stay about the same at every size. A push that visited every
 * subscription for each event would make the ratio grow with the games instead.
 */
export interface PushScaleFigures {
  readonly webhook: Figure;
  readonly poll: Figure;
  readonly ratio: Figure;
}

type Strategy = 'webhook' | 'poll';

/**
 * Times `bullpen --games N` under webhook and under poll in rounds (see rounds.ts), in this
 * process, after one untimed run of each. The runs include building the scenario's world.
 */
export async function benchPushScale(profile: Profile): Promise<PushScaleFigures> {
  const { games, rounds: roundCount } = profile.pushScale;

  const rounds = await runRounds<Strategy, number>({
    tasks: ['webhook', 'poll'],
    rounds: roundCount,
    warmUp: (strategy) => timeRun(strategy, games),
    measure: (strategy) => timeRun(strategy, games),
  });

  const size = `bullpen, ${games.toLocaleString('en-US')} games`;
  const seconds = (ms: number) => ms / 1000;
  return {
    webhook: summaryFigure(
      `${size}: webhook`,
      's',
      'smaller',
      samplesOf(rounds, 'webhook', seconds),
    ),
    poll: summaryFigure(`${size}: poll`, 's', 'smaller', samplesOf(rounds, 'poll', seconds)),
    ratio: {
      ...summaryFigure(
        `${size}: webhook / poll time`,
        'ratio',
        'smaller',
        pairedRatios(rounds, 'webhook', 'poll', (ms) => ms),
      ),
      note: pairNote('the two run times'),
    },
  };
}

/** Runs the scenario once under `strategy` with seed 1 and returns its time in ms. */
async function timeRun(strategy: Strategy, games: number): Promise<number> {
  const started = performance.now();
  await runScenario(bullpen, {
    strategies: strategy,
    seed: '1',
    scenarioOptions: { games: String(games) },
  });
  return performance.now() - started;
}
