/**
 * Rounds of a two-task comparison. Each figure that compares two tasks comes from rounds that
 * time one call of each, back to back, so that both see the same load on the machine. Rounds
 * alternate which task goes first and come in pairs, one round in each order. A pair's ratio is
 * the geometric mean of its two rounds' ratios, which cancels any fixed factor that running
 * first or second puts on a task's time, whatever the order effect's direction.
 */

/** The two tasks of a comparison, in the order the first round runs them. */
export type TaskPair<K extends string> = readonly [K, K];

/** One timed round: the order its two calls ran in, and each call's sample. */
export interface Round<K extends string, S> {
  readonly order: TaskPair<K>;
  readonly samples: Readonly<Record<K, S>>;
}

export interface RoundOptions<K extends string, S> {
  readonly tasks: TaskPair<K>;
  /** Timed rounds; must be even and at least 2, so that each order runs equally often. */
  readonly rounds: number;
  /**
   * Runs one untimed call of a task. Each task gets one, before the first round and in its
   * order; without it, the first round is timed cold.
   */
  readonly warmUp?: (task: K) => Promise<unknown>;
  /** Runs one call of a task and returns its sample. */
  readonly measure: (task: K) => Promise<S>;
}

/** Returns the order of round `round`: the tasks as given in even rounds, reversed in odd. */
export function roundOrder<K extends string>(tasks: TaskPair<K>, round: number): TaskPair<K> {
  return round % 2 === 0 ? tasks : [tasks[1], tasks[0]];
}

/** Checks that a round count gives each order the same number of rounds. */
export function checkRoundCount(rounds: number): void {
  if (!Number.isInteger(rounds) || rounds < 2 || rounds % 2 !== 0) {
    throw new Error(
      `a comparison needs an even number of rounds, at least 2, got ${rounds}; ` +
        'each pair runs the two tasks once in each order',
    );
  }
}

/** Runs the warm-up and the rounds one call at a time, and returns every timed round. */
export async function runRounds<K extends string, S>(
  options: RoundOptions<K, S>,
): Promise<Round<K, S>[]> {
  checkRoundCount(options.rounds);

  const warmUp = options.warmUp;
  if (warmUp !== undefined) {
    for (const task of options.tasks) await warmUp(task);
  }

  const rounds: Round<K, S>[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = roundOrder(options.tasks, round);
    const samples = {} as Record<K, S>;

    for (const task of order) samples[task] = await options.measure(task);
    rounds.push({ order, samples });
  }
  return rounds;
}

/**
 * Returns one ratio per pair of rounds: the geometric mean of the two rounds' ratios, the
 * rounds taken two at a time in the order they ran. `ratios` must have an even length.
 */
export function pairRatios(ratios: readonly number[]): number[] {
  checkRoundCount(ratios.length);

  const paired: number[] = [];
  for (let index = 0; index < ratios.length; index += 2) {
    const first = ratios[index] as number;
    const second = ratios[index + 1] as number;
    paired.push(Math.sqrt(first * second));
  }
  return paired;
}

/** Returns one ratio per pair of rounds of `numerator`'s value over `denominator`'s. */
export function pairedRatios<K extends string, S>(
  rounds: readonly Round<K, S>[],
  numerator: K,
  denominator: K,
  value: (sample: S) => number,
): number[] {
  const ratios = rounds.map(
    (round) => value(round.samples[numerator]) / value(round.samples[denominator]),
  );
  return pairRatios(ratios);
}

/** Returns one task's value in every round, in the order the rounds ran. */
export function samplesOf<K extends string, S, V>(
  rounds: readonly Round<K, S>[],
  task: K,
  value: (sample: S) => V,
): V[] {
  return rounds.map((round) => value(round.samples[task]));
}

/** The note that ratio figures carry, saying what one sample is. */
export function pairNote(what: string): string {
  return (
    `each sample is one pair of rounds, one in each order: the geometric mean of the two ` +
    `rounds' ratios of ${what}`
  );
}
