/**
 * Pull requests merged to one branch of a repository, from a CSV file with a `merged_at` column
 * of ISO 8601 times: what a GitHub push webhook reports. A consumer is a CI server or a mirror
 * that must act on each merge, by polling the repository or by taking the webhook.
 *
 * Sources: the events are the rows of the file the user passes, such as the ten years of
 * merges to apache/pinot's master branch. The default interval of 15 minutes is an assumption:
 * a CI server that polls its repository on a quarter-hour schedule, as Jenkins's "Poll SCM"
 * trigger does with the cron schedule H/15 * * * *.
 */
import { defineScenario } from '../src/model/scenario.ts';
import { buildTracePlan, traceFileOption, whereOption } from '../src/trace/trace-plan.ts';

export default defineScenario({
  name: 'repo-merges',
  summary: 'merges to a repository branch from a CSV file (--file) with a merged_at column',
  options: {
    file: traceFileOption('a merged_at column', 'github_apache-pinot_master_merges.csv'),
    where: whereOption(undefined),
  },
  defaults: {
    interval: '15m',
    consumers: 1,
  },
  build({ options, duration, consumers }) {
    return buildTracePlan({
      file: options.file,
      timeColumn: 'merged_at',
      where: options.where,
      duration,
      consumers,
    });
  },
});
