/**
 * Streaming RFC 4180 CSV tokenizer: text chunks in, rows out, each row with the line it starts on.
 * Quoted fields may hold commas, doubled quotes ("") and line breaks; rows end at LF, CRLF or CR.
 * State lives across chunk boundaries, so a chunk may end anywhere (even between the two quotes of
 * an escaped ""). Memory is one chunk plus the row being built.
 *
 * Lenient where real exports are sloppy, like Python's csv module: a quote inside an unquoted field,
 * or text after a closing quote, is kept as literal text. The only syntax error is a quoted field
 * still open at the end of the file; the caller checks the field count.
 */

export interface CsvRow {
  fields: string[];
  /** 1-based line on which the row starts. */
  line: number;
  /** Set when the row could not be read whole; `fields` is then incomplete. */
  error?: 'unterminated-quote' | 'too-large';
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Incremental tokenizer; `push` every chunk, then `end` once. */
export class CsvRowParser {
  private fields: string[] = [];
  private field = '';
  /** Characters kept for the current row; past maxRowChars the row is dropped as too large. */
  private rowChars = 0;
  private tooLarge = false;
  private inQuotes = false;
  /** A quote was seen inside a quoted field: the next character decides escape or close. */
  private quotePending = false;
  /** A CR ended a row; a LF right after it belongs to the same line break. */
  private skipLf = false;
  /** The current field already has content (a quote is then literal, not an opening quote). */
  private fieldStarted = false;
  private rowStarted = false;
  private line = 1;
  private rowLine = 1;

  constructor(private readonly maxRowChars: number = Number.POSITIVE_INFINITY) {}

  /** Rows completed by this chunk, in order. */
  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.inQuotes) {
        i = this.consumeQuoted(chunk, i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (c === COMMA) {
        this.endField();
        this.rowStarted = true;
        i++;
      } else if (c === LF || c === CR) {
        this.skipLf = c === CR;
        const row = this.endRow();
        this.line++;
        this.rowLine = this.line;
        if (row) rows.push(row);
        i++;
      } else if (c === QUOTE && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
        this.rowStarted = true;
        i++;
      } else {
        i = this.consumeUnquoted(chunk, i);
      }
    }
    return rows;
  }

  /** The last row when the file does not end with a line break, or an unterminated-quote row. */
  end(): CsvRow | null {
    if (this.inQuotes && !this.quotePending) {
      const row: CsvRow = {
        fields: [...this.fields, this.field],
        line: this.rowLine,
        error: 'unterminated-quote',
      };
      this.reset();
      return row;
    }
    this.inQuotes = false;
    this.quotePending = false;
    return this.endRow();
  }

  private consumeQuoted(chunk: string, start: number): number {
    if (this.quotePending) {
      this.quotePending = false;
      if (chunk.charCodeAt(start) === QUOTE) {
        this.append('"');
        return start + 1;
      }
      this.inQuotes = false; // that quote closed the field; reprocess this character unquoted
      return start;
    }
    const quote = chunk.indexOf('"', start);
    const end = quote === -1 ? chunk.length : quote;
    const part = chunk.slice(start, end);
    this.line += countLineFeeds(part);
    this.append(part);
    if (quote === -1) return chunk.length;
    this.quotePending = true;
    return quote + 1;
  }

  private consumeUnquoted(chunk: string, start: number): number {
    let i = start;
    while (i < chunk.length) {
      const c = chunk.charCodeAt(i);
      if (c === COMMA || c === LF || c === CR) break;
      i++;
    }
    this.append(chunk.slice(start, i));
    this.fieldStarted = true;
    this.rowStarted = true;
    return i;
  }

  private append(text: string): void {
    if (this.tooLarge) return;
    this.rowChars += text.length;
    if (this.rowChars > this.maxRowChars) {
      // Drop what we hold but keep tokenizing, so the row is skipped as one and memory stays bounded.
      this.tooLarge = true;
      this.field = '';
      this.fields = [];
      return;
    }
    this.field += text;
  }

  private endField(): void {
    if (!this.tooLarge) this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }

  private endRow(): CsvRow | null {
    if (!this.rowStarted && this.fields.length === 0) {
      this.reset(); // a blank line is not a row
      return null;
    }
    this.endField();
    const row: CsvRow = { fields: this.fields, line: this.rowLine };
    if (this.tooLarge) row.error = 'too-large';
    this.reset();
    return row;
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.fieldStarted = false;
    this.rowStarted = false;
    this.rowChars = 0;
    this.tooLarge = false;
    this.inQuotes = false;
    this.quotePending = false;
  }
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Streams rows out of text chunks; a row is yielded as soon as the chunk completing it is read. */
export async function* parseCsvRows(
  chunks: AsyncIterable<string>,
  options: { maxRowChars?: number } = {},
): AsyncGenerator<CsvRow> {
  const parser = new CsvRowParser(options.maxRowChars);
  for await (const chunk of chunks) yield* parser.push(chunk);
  const last = parser.end();
  if (last) yield last;
}
