import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/report/summary.ts';
import { POLL_RESULT, sampleReport, WEBHOOK_RESULT } from './sample-report.ts';

const SSE_RESULT = { ...WEBHOOK_RESULT, strategy: 'sse', requests: 1, wastedRequests: 0 };

describe('summary sentence', () => {
  it('compares polling with push', () => {
    const sentence = summarize(sampleReport([SSE_RESULT, WEBHOOK_RESULT, POLL_RESULT]));
    expect(sentence.startsWith('With poll, consumers made 100 calls')).toBe(true);
    expect(sentence).toContain('while with webhook they made none');
  });

  it('skips a stream as polling', () => {
    const sentence = summarize(sampleReport([SSE_RESULT, WEBHOOK_RESULT]));
    expect(sentence.startsWith('With webhook, consumers made no calls')).toBe(true);
  });
});

describe('summary of streams only', () => {
  it('describes the first stream', () => {
    const sentence = summarize(sampleReport([SSE_RESULT]));
    expect(sentence.startsWith('With sse, consumers made 1 call and the producer sent')).toBe(true);
  });
});

describe('summary of missed events', () => {
  const missing = { ...WEBHOOK_RESULT, events: { ...WEBHOOK_RESULT.events, missed: 4, lost: 4 } };

  it('names the strategy that missed', () => {
    const sentence = summarize(sampleReport([POLL_RESULT, missing]));
    expect(sentence.endsWith('Beware: webhook missed 4 of 10 events.')).toBe(true);
  });

  it('says nothing when none missed', () => {
    expect(summarize(sampleReport([POLL_RESULT, WEBHOOK_RESULT]))).not.toContain('Beware');
  });
});
