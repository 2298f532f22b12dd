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
