import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRecordError, FileSourceError } from './file-errors.ts';
import type { IssueRecord } from './issue-record.ts';
import { readIssueRecords, type ReadIssueRecordsOptions } from './read-issue-records.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'loupe-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function readAll(file: string, options?: ReadIssueRecordsOptions): Promise<IssueRecord[]> {
  const records: IssueRecord[] = [];
  for await (const record of readIssueRecords(file, options)) records.push(record);
  return records;
}

/** What either error class offers, for assertions on whichever was thrown. */
type AnyFileError = Error & { code: string; line?: number; expected?: string };

async function failure(promise: Promise<unknown>): Promise<AnyFileError> {
  try {
    await promise;
  } catch (error) {
    return error as AnyFileError;
  }
  throw new Error('expected a failure');
}

const GITHUB_ISSUE = {
  url: 'https://api.github.com/repos/octo-org/api/issues/42',
  repository_url: 'https://api.github.com/repos/octo-org/api',
  html_url: 'https://github.com/octo-org/api/issues/42',
  id: 9001,
  number: 42,
  title: 'Crash on save',
  body: null,
  labels: [
    { id: 1, name: 'bug', color: 'f00' },
    { id: 2, name: 'good first issue' },
  ],
  state: 'closed',
  state_reason: 'completed',
  assignees: [{ login: 'a' }, { login: 'b' }],
  milestone: { title: 'v2' },
  comments: 3,
  created_at: '2024-05-01T10:00:00Z',
  author_association: 'CONTRIBUTOR',
  reactions: { total_count: 7, '+1': 7 },
};

describe('readIssueRecords: JSON Lines', () => {
  it('maps GitHub REST issue objects', async () => {
    const pr = {
      ...GITHUB_ISSUE,
      number: 43,
      pull_request: { url: 'x' },
      body: 'Fixes #42',
      labels: ['docs'],
      milestone: null,
    };
    const file = await write('issues.jsonl', `${JSON.stringify(GITHUB_ISSUE)}\n\n${JSON.stringify(pr)}\n`);
    const [issue, pull] = await readAll(file);
    expect(issue).toEqual({
      id: '42',
      repo: 'octo-org/api',
      title: 'Crash on save',
      body: '',
      label: null,
      labels: ['bug', 'good first issue'],
      createdAt: '2024-05-01T10:00:00.000Z',
      state: 'closed',
      stateReason: 'completed',
      isPullRequest: false,
      commentsCount: 3,
      reactionsCount: 7,
      authorAssociation: 'CONTRIBUTOR',
      assigneesCount: 2,
      milestone: 'v2',
      line: 1,
    });
    expect(pull).toMatchObject({
      id: '43',
      body: 'Fixes #42',
      labels: ['docs'],
      isPullRequest: true,
      milestone: null,
      line: 3,
    });
  });

  it('accepts simple objects and falls back to the record ordinal for a missing id', async () => {
    const file = await write(
      'simple.ndjson',
      '{"id":"A-1","title":"t","body":"b","label":"bug","repo":"x/y"}\r\n{"title":"no id"}\r\n',
    );
    expect(await readAll(file)).toEqual([
      {
        id: 'A-1',
        repo: 'x/y',
        title: 't',
        body: 'b',
        label: 'bug',
        labels: ['bug'],
        createdAt: null,
        line: 1,
      },
      { id: '2', repo: null, title: 'no id', body: '', label: null, labels: [], createdAt: null, line: 2 },
    ]);
  });

  it('reads .jsonl.gz by streaming gunzip', async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ ...GITHUB_ISSUE, number: i + 1 }),
    ).join('\n');
    const records = await readAll(await write('issues.jsonl.gz', gzipSync(lines)));
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 300 }, (_, i) => String(i + 1)));
    expect(records[299]?.line).toBe(300);
  });

  it('names the file, line, JSON error and expectation for invalid JSON', async () => {
    const file = await write(
      'bad.jsonl',
      `${JSON.stringify(GITHUB_ISSUE)}\n{"title": "x",\n{"title":"fine"}\n`,
    );
    const error = await failure(readAll(file));
    expect(error).toBeInstanceOf(FileRecordError);
    expect(error.code).toBe('BAD_RECORD');
    expect(error.line).toBe(2);
    expect(error.expected).toBe('one GitHub issue object per line');
    expect(error.message).toMatch(
      /^bad\.jsonl line 2: invalid JSON \(.+\); expected one GitHub issue object per line$/,
    );
  });

  it('rejects objects without a string title and non-objects', async () => {
    const file = await write('shapes.jsonl', '{"title":1}\n[1,2]\n{"body":"x"}\n{"title":"ok"}\n');
    const skipped: FileRecordError[] = [];
    const records = await readAll(file, { skipBad: true, onSkip: (e) => skipped.push(e) });
    expect(records.map((r) => [r.title, r.line])).toEqual([['ok', 4]]);
    expect(skipped.map((e) => [e.line, e.reason])).toEqual([
      [1, '"title" is a number, not a string'],
      [2, 'found an array instead of an object'],
      [3, 'the object has no "title"'],
    ]);
  });

  it('treats an over-long line as one bad record and reads on', async () => {
    const file = await write('long.jsonl', `{"title":"${'x'.repeat(5000)}"}\n{"title":"after"}\n`);
    const skipped: FileRecordError[] = [];
    const records = await readAll(file, {
      skipBad: true,
      maxRecordChars: 1000,
      onSkip: (e) => skipped.push(e),
    });
    expect(records.map((r) => r.title)).toEqual(['after']);
    expect(skipped[0]?.message).toContain('long.jsonl line 1: the record is longer than 1000 characters');
  });
});

describe('readIssueRecords: CSV', () => {
  it('reads the NLBSE layout with a BOM, CRLF rows and multi-line quoted bodies', async () => {
    const csv =
      '\uFEFFrepo,created_at,label,title,body\r\n' +
      'facebook/react,2023-08-26 06:33:37,bug,"Cannot add node ""1""","line one\r\n\r\nline, three"\r\n' +
      'opencv/opencv,2022-01-11 16:30:53,question,How to build?,\r\n';
    expect(await readAll(await write('nlbse.csv', csv))).toEqual([
      {
        id: '1',
        repo: 'facebook/react',
        title: 'Cannot add node "1"',
        body: 'line one\r\n\r\nline, three',
        label: 'bug',
        labels: ['bug'],
        createdAt: '2023-08-26T06:33:37.000Z',
        line: 2,
      },
      {
        id: '2',
        repo: 'opencv/opencv',
        title: 'How to build?',
        body: '',
        label: 'question',
        labels: ['question'],
        createdAt: '2022-01-11T16:30:53.000Z',
        line: 5,
      },
    ]);
  });

  it('reads the gitbugs Jira layout (Summary, Issue id, Status, Resolution, Created, Description)', async () => {
    const csv =
      'Summary,Issue id,Status,Priority,Resolution,Created,Resolved,Affects Version/s,Description\n' +
      'JAR conflict,13404344,Resolved,Blocker,Duplicate,30/Sep/21 17:20,20/Jul/22 20:51,2.9.2,"After an init\nthe check"\n' +
      'Still broken,13400058,Open,Major,,08/Sep/21 5:46 PM,,,\n';
    expect(await readAll(await write('hadoop_bugs.csv', csv))).toEqual([
      {
        id: '13404344',
        repo: null,
        title: 'JAR conflict',
        body: 'After an init\nthe check',
        label: null,
        labels: [],
        createdAt: '2021-09-30T17:20:00.000Z',
        state: 'closed',
        resolution: 'Duplicate',
        line: 2,
      },
      {
        id: '13400058',
        repo: null,
        title: 'Still broken',
        body: '',
        label: null,
        labels: [],
        createdAt: '2021-09-08T17:46:00.000Z',
        state: 'open',
        resolution: null,
        line: 4,
      },
    ]);
  });

  it('reads the SeaMonkey layout and a duplicate column, labels list and project', async () => {
    const csv =
      'Key,Project,Summary,Type,Labels,Created,Duplicated_Issue,Description\n' +
      'SM-1,seamonkey,Menu broken,Bug,"ui; regression",2020-01-02 17:14:21+00:00,"SM-0, SM-9",text\n';
    const [record] = await readAll(await write('sm.csv', csv));
    expect(record).toEqual({
      id: 'SM-1',
      repo: 'seamonkey',
      title: 'Menu broken',
      body: 'text',
      label: 'Bug',
      labels: ['Bug', 'ui', 'regression'],
      createdAt: '2020-01-02T17:14:21.000Z',
      duplicateOf: 'SM-0',
      line: 2,
    });
  });

  it('lists the columns found and accepted when no title or body column exists', async () => {
    const error = await failure(readAll(await write('nocols.csv', 'repo,label\nx/y,bug\n')));
    expect(error).toBeInstanceOf(FileSourceError);
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toContain('Found columns: "repo", "label"');
    expect(error.message).toContain('Accepted for the title: title, summary, subject');
    expect(error.message).toContain('for the body: body, description, text, content');
  });

  it('reports an unterminated quote with the line its record starts on', async () => {
    const file = await write('open.csv', 'title,body\nfine,"ok"\nbroken,"never closed\nmore\nand more\n');
    const error = await failure(readAll(file));
    expect(error.code).toBe('BAD_RECORD');
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'open.csv line 3: a quoted field is never closed before the end of the file; expected a closing " for every opening "',
    );
  });

  it('throws on the first record with the wrong field count, or skips and counts with skipBad', async () => {
    const csv = 'title,body,label\na,b,bug\ntoo,few\nc,"d\nd",feature\ntoo,many,x,y\ne,f,question\n';
    const file = await write('counts.csv', csv);
    const error = await failure(readAll(file));
    expect(error.message).toMatch(
      /^counts\.csv line 3: found 2 fields; expected 3 fields as in the header row/,
    );
    const skipped: number[] = [];
    const records = await readAll(file, { skipBad: true, onSkip: (e) => skipped.push(e.line) });
    expect(records.map((r) => [r.label, r.line])).toEqual([
      ['bug', 2],
      ['feature', 4],
      ['question', 7],
    ]);
    expect(skipped).toEqual([3, 6]);
  });

  it('reads .csv.gz', async () => {
    const file = await write('issues.csv.gz', gzipSync('summary,description\r\n"a, b","c\r\nd"\r\n'));
    expect((await readAll(file)).map((r) => [r.title, r.body, r.line])).toEqual([['a, b', 'c\r\nd', 2]]);
  });

  it('rejects an empty file', async () => {
    const error = await failure(readAll(await write('empty.csv', '')));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toContain('empty.csv: the file is empty');
  });
});

describe('readIssueRecords: fastText', () => {
  it('takes leading __label__ tokens, splits title at the first sentence end', async () => {
    const text =
      '__label__bug __label__ui App crashes on save. Steps: open, save!  Boom.\n\n__label__question How do I x\n';
    expect(await readAll(await write('train.fasttext', text))).toEqual([
      {
        id: '1',
        repo: null,
        title: 'App crashes on save.',
        body: 'Steps: open, save! Boom.',
        label: 'bug',
        labels: ['bug', 'ui'],
        createdAt: null,
        line: 1,
      },
      {
        id: '2',
        repo: null,
        title: 'How do I x',
        body: '',
        label: 'question',
        labels: ['question'],
        createdAt: null,
        line: 3,
      },
    ]);
  });

  it('sniffs fastText and JSONL from content when the extension says nothing', async () => {
    const ft = await write('train.txt.gz', gzipSync('__label__feature Add dark mode\n'));
    expect((await readAll(ft))[0]?.label).toBe('feature');
    const jsonl = await write('dump.json', '\n{"title":"t"}\n');
    expect((await readAll(jsonl))[0]).toMatchObject({ title: 't', line: 2 });
    const forced = await write('odd.data', 'title\nhello\n');
    expect((await readAll(forced, { format: 'csv' }))[0]?.title).toBe('hello');
  });

  it('explains a JSON array and an unknown format', async () => {
    const array = await failure(readAll(await write('issues.json', '[{"title":"t"}]')));
    expect(array.code).toBe('UNKNOWN_FORMAT');
    expect(array.message).toContain("jq -c '.[]'");
    const unknown = await failure(readAll(await write('notes.txt', 'just some words\n')));
    expect(unknown.code).toBe('UNKNOWN_FORMAT');
    expect(unknown.message).toContain("format: 'jsonl' | 'csv' | 'fasttext'");
  });
});

describe('readIssueRecords: file errors', () => {
  it('FILE_NOT_FOUND names the absolute path looked at', async () => {
    const error = await failure(readAll(path.join(dir, 'missing.jsonl')));
    expect(error).toBeInstanceOf(FileSourceError);
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toBe(
      `missing.jsonl: file not found (looked for ${path.join(dir, 'missing.jsonl')})`,
    );
  });

  it('NOT_A_FILE for a directory, BAD_GZIP for a .gz that is not gzip', async () => {
    expect((await failure(readAll(dir))).code).toBe('NOT_A_FILE');
    const fake = await write('fake.jsonl.gz', '{"title":"not compressed"}\n');
    const error = await failure(readAll(fake));
    expect(error.code).toBe('BAD_GZIP');
    expect(error.message).toContain('fake.jsonl.gz: not a valid gzip file');
  });

  it.skipIf(process.getuid?.() === 0)('FILE_UNREADABLE without read permission', async () => {
    const file = await write('secret.csv', 'title\nx\n');
    await chmod(file, 0o000);
    expect((await failure(readAll(file))).code).toBe('FILE_UNREADABLE');
  });

  it('stops reading and closes the file when the caller breaks early', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `{"title":"t${i}"}`).join('\n');
    const file = await write('many.jsonl', lines);
    let seen = 0;
    for await (const record of readIssueRecords(file)) {
      seen++;
      if (record.title === 't9') break;
    }
    expect(seen).toBe(10);
    if (existsSync('/proc/self/fd')) {
      await new Promise((resolve) => setTimeout(resolve, 20)); // stream close is asynchronous
      const open = readdirSync('/proc/self/fd').map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      });
      expect(open).not.toContain(file);
    }
  });
});
