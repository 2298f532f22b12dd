/**
 * Releases of a package, from a CSV file with a `released_at` column of ISO 8601 times. A
 * consumer is a dependency bot that wants to hear of each new version, by checking the registry
 * on a schedule or by being notified of each release.
 *
 * Sources: the events are the rows of the file the user passes, such as the sixteen years of
 * Express release tags. The default interval of one day is Dependabot's daily schedule: GitHub
 * Docs ("Optimizing the creation of pull requests for Dependabot version updates") lists
 * daily, weekly, monthly, longer periods and cron as the values of its required
 * `schedule.interval` setting.
 */
import { defineScenario } from '../src/model/scenario.ts';
import { buildTracePlan, traceFileOption, whereOption } from '../src/trace/trace-plan.ts';

export default defineScenario({
  name: 'releases',
  summary: 'package releases from a CSV file (--file) with a released_at column',
  options: {
    file: traceFileOption('a released_at column', 'npm_express_release_tags.csv'),
    where: whereOption(undefined),
  },
  defaults: {
    interval: '1d',
    consumers: 1,
  },
  build({ options, duration, consumers }) {
    return buildTracePlan({
      file: options.file,
      timeColumn: 'released_at',
      where: options.where,
      duration,
      consumers,
    });
  },
});
