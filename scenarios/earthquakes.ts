/**
 * Earthquakes from a USGS earthquake catalogue CSV file, such as the all-month summary feed:
 * each row is one event at its origin time (`time`), keyed by the seismic network that
 * reported it (`net`). A consumer is an app that shows new earthquakes, by polling the feed or
 * by being notified of each one.
 *
 * Sources: the events are the rows of the file the user passes. The default filter
 * `type=earthquake` drops quarry blasts, explosions, ice quakes and other events, 185 of the
 * 12,569 rows of the USGS all-month file for 5 March to 4 April 2023. The default interval of
 * 1 minute follows USGS, whose feed format pages (such as the CSV page of its scenario
 * catalogue, earthquake.usgs.gov/scenarios/feed/v1.0/csv.php) say the past-hour and past-day
 * feeds are "updated every minute"; this scenario assumes the real-time feeds are regenerated as
 * often, so polling more often finds nothing newer. USGS publishes an earthquake some minutes
 * after its origin time, and this scenario does not model that delay.
 */
import { defineScenario } from '../src/model/scenario.ts';
import { buildTracePlan, traceFileOption, whereOption } from '../src/trace/trace-plan.ts';

export default defineScenario({
  name: 'earthquakes',
  summary: 'earthquakes from a USGS catalogue CSV file (--file), keyed by network',
  options: {
    file: traceFileOption(
      'time, net and type columns',
      'usgs_earthquakes_2023-03-05_2023-04-04.csv',
    ),
    where: whereOption('type=earthquake'),
  },
  defaults: {
    interval: '1m',
    consumers: 1,
  },
  build({ options, duration, consumers }) {
    return buildTracePlan({
      file: options.file,
      timeColumn: 'time',
      keyColumn: 'net',
      where: options.where,
      duration,
      consumers,
    });
  },
});
