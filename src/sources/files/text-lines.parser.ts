/**
 * Splits a stream of text chunks into lines (LF or CRLF), numbering them from 1. Used for JSON Lines
 * and fastText, where one record is one line. Memory is one chunk plus the line being built.
 */

export interface TextLine {
  text: string;
  /** 1-based line number. */
  line: number;
  /** The line was longer than maxLineChars; `text` then holds only its start. */
  tooLarge?: boolean;
}

/** A line is yielded as soon as the chunk holding its line break has been read. */
export async function* splitTextLines(
  chunks: AsyncIterable<string>,
  options: { maxLineChars?: number } = {},
): AsyncGenerator<TextLine> {
  const max = options.maxLineChars ?? Number.POSITIVE_INFINITY;
  let pending = '';
  let tooLarge = false;
  let line = 1;
  const finish = (text: string): TextLine => {
    const body = text.endsWith('\r') ? text.slice(0, -1) : text;
    const over = tooLarge || body.length > max;
    const done: TextLine = { text: over ? body.slice(0, 200) : body, line: line++ };
    if (over) done.tooLarge = true;
    tooLarge = false;
    return done;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const text = tooLarge ? pending : pending + chunk.slice(start, nl);
      pending = '';
      yield finish(text);
      start = nl + 1;
    }
    if (tooLarge) continue;
    pending += chunk.slice(start);
    if (pending.length > max) {
      // Keep only the start, for the error message; the rest of the line is dropped as it streams by.
      pending = pending.slice(0, 200);
      tooLarge = true;
    }
  }
  if (pending || tooLarge) yield finish(pending);
}
