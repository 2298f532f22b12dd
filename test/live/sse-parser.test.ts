import { describe, expect, it } from 'vitest';
import type { SseMessage } from '../../src/live/stream-wire.ts';
import { formatSseEnd, formatSseEvent, SseParser } from '../../src/live/stream-wire.ts';

/** Feeds `chunks` to a parser and returns the events it dispatched. */
function parse(...chunks: (string | Uint8Array)[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = new SseParser((message) => messages.push(message));
  for (const chunk of chunks) {
    parser.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  }
  return messages;
}

const EVENT = { seq: 7, time: 1000, key: 'café', payload: 'launch 🚀' };

describe('SseParser', () => {
  it('reads a formatted event', () => {
    expect(parse(formatSseEvent(EVENT))).toEqual([
      { type: 'message', data: JSON.stringify(EVENT), id: '7' },
    ]);
  });

  it('reads the end marker', () => {
    expect(parse(formatSseEnd())).toEqual([{ type: 'end', data: '', id: undefined }]);
  });

  it('joins data lines', () => {
    expect(parse('data: a\ndata: b\n\n')[0]?.data).toBe('a\nb');
  });

  it('reads CRLF and CR line ends', () => {
    expect(parse('data: a\r\n\r\ndata: b\r\r').map((message) => message.data)).toEqual(['a', 'b']);
  });

  it('reads CRLF split across chunks', () => {
    expect(parse('data: a\r', '\n\r', '\n').map((message) => message.data)).toEqual(['a']);
  });

  it('reads a character split across chunks', () => {
    const bytes = new TextEncoder().encode(formatSseEvent(EVENT));
    const middle = bytes.indexOf(0xf0) + 2;
    expect(parse(bytes.slice(0, middle), bytes.slice(middle))[0]?.data).toBe(JSON.stringify(EVENT));
  });

  it('skips comments', () => {
    expect(parse(': keep-alive\n\n')).toEqual([]);
  });

  it('waits for the blank line', () => {
    expect(parse('id: 1\ndata: a\n')).toEqual([]);
  });

  it('keeps the last id', () => {
    expect(parse('id: 3\ndata: a\n\ndata: b\n\n')[1]?.id).toBe('3');
  });

  it('keeps one space after the colon', () => {
    expect(parse('data:  a\n\n')[0]?.data).toBe(' a');
  });
});
