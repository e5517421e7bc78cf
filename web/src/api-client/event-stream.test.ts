import { describe, expect, it } from 'vitest';
import { parseServerSentFrames } from './event-stream.ts';

describe('parseServerSentFrames', () => {
  it('splits complete frames from the unfinished rest, dropping keep-alive comments', () => {
    const { frames, rest } = parseServerSentFrames(
      'retry: 3000\n\n: keep-alive\n\nid: 7\nevent: item.created\ndata: {"id":7}\n\nid: 8\nevent: item.up',
    );
    expect(frames).toEqual([{ retry: 3000 }, { id: '7', event: 'item.created', data: '{"id":7}' }]);
    expect(rest).toBe('id: 8\nevent: item.up');
  });

  it('joins data lines, accepts CRLF and fields without a space after the colon', () => {
    const { frames, rest } = parseServerSentFrames('id:9\r\ndata: a\r\ndata:b\r\n\r\n');
    expect(frames).toEqual([{ id: '9', data: 'a\nb' }]);
    expect(rest).toBe('');
  });

  it('ignores a non-numeric retry and unknown fields', () => {
    expect(parseServerSentFrames('retry: soon\nfoo: bar\ndata: x\n\n').frames).toEqual([{ data: 'x' }]);
  });
});
