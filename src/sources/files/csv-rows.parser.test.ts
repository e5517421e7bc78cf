import { describe, expect, it } from 'vitest';
import { CsvRowParser, parseCsvRows, type CsvRow } from './csv-rows.parser.ts';

function parseAll(chunks: string[]): CsvRow[] {
  const parser = new CsvRowParser();
  const rows = chunks.flatMap((chunk) => parser.push(chunk));
  const last = parser.end();
  return last ? [...rows, last] : rows;
}

const TRICKY =
  'a,b,c\r\n"x, y","say ""hi""","line1\r\nline2\nline3"\r\nplain,,"" \n\n"q""",end,"\r\n"\rlast,row,here';
const EXPECTED: CsvRow[] = [
  { fields: ['a', 'b', 'c'], line: 1 },
  { fields: ['x, y', 'say "hi"', 'line1\r\nline2\nline3'], line: 2 },
  { fields: ['plain', '', ' '], line: 5 },
  { fields: ['q"', 'end', '\r\n'], line: 7 },
  { fields: ['last', 'row', 'here'], line: 9 },
];

describe('CsvRowParser', () => {
  it('reads quoted commas, doubled quotes, newlines in quotes, CRLF, lone CR and blank lines', () => {
    expect(parseAll([TRICKY])).toEqual(EXPECTED);
  });

  it('gives the same rows wherever the text is cut into two chunks', () => {
    for (let cut = 0; cut <= TRICKY.length; cut++) {
      expect(parseAll([TRICKY.slice(0, cut), TRICKY.slice(cut)]), `cut at ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same rows one character at a time', () => {
    expect(parseAll([...TRICKY])).toEqual(EXPECTED);
  });

  it('keeps stray quotes in unquoted fields and text after a closing quote, like Python csv', () => {
    expect(parseAll(['5" screen,"ab"cd,x\n'])).toEqual([{ fields: ['5" screen', 'abcd', 'x'], line: 1 }]);
  });

  it('reports a quoted field left open at the end with the line the row started on', () => {
    const rows = parseAll(['h1,h2\nok,1\n"open,\nstill open\n']);
    expect(rows.at(-1)).toMatchObject({ line: 3, error: 'unterminated-quote' });
    expect(rows).toHaveLength(3);
  });

  it('drops the content of a row longer than the limit but still finds the next row', () => {
    const parser = new CsvRowParser(10);
    const rows = [...parser.push('a,"0123456789ABCDEF\n0123"\nnext,ok\n')];
    expect(rows).toEqual([
      { fields: [], line: 1, error: 'too-large' },
      { fields: ['next', 'ok'], line: 3 },
    ]);
  });
});

describe('parseCsvRows', () => {
  it('yields each row before reading further chunks than the one completing it', async () => {
    let pulled = 0;
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield `id${i},"body ${i}\nsecond line"\n`;
      }
    }
    let rows = 0;
    for await (const row of parseCsvRows(chunks())) {
      rows++;
      // Row n is complete after chunk n: a reader that buffered the input would have pulled all 1000.
      expect(pulled).toBe(rows);
      expect(row.line).toBe(2 * rows - 1);
    }
    expect(rows).toBe(1000);
  });
});
