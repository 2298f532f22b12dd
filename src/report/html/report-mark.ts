/**
 * The mark every report page carries in its head. The CLI overwrites an existing file only when
 * it starts with a page that has the mark, so that a typo cannot replace a trace file, a scenario
 * module or anything else.
 */
export const REPORT_MARK = '<meta name="generator" content="poll-vs-push">';
