/**
 * Opens a file as a stream of UTF-8 text chunks, gunzipping `.gz` on the fly. Nothing here holds
 * more than one chunk (64 KiB of input) at a time, which is what keeps every reader streaming.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FileSourceError } from './file-errors.ts';

const CHUNK_BYTES = 64 * 1024;

/** True when the file name says it is gzip-compressed. */
export function isGzipPath(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.gz');
}

/**
 * Yields the file's text in chunks. A UTF-8 byte-order mark is dropped (TextDecoder does it), and a
 * multi-byte character split between two chunks is decoded whole. Breaking out of the loop closes
 * the file.
 */
export async function* openTextChunks(filePath: string): AsyncGenerator<string> {
  await assertReadableFile(filePath);
  const source = openByteStream(filePath);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const bytes of source) {
      const text = decoder.decode(bytes as Uint8Array, { stream: true });
      if (text) yield text;
    }
  } catch (error) {
    throw translateStreamError(filePath, error);
  } finally {
    source.destroy();
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function openByteStream(filePath: string): Readable {
  const file = createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  if (!isGzipPath(filePath)) return file;
  // pipeline (not .pipe) so that an error on either side ends the iteration with that error.
  return pipeline(file, createGunzip({ chunkSize: CHUNK_BYTES }), () => {});
}

async function assertReadableFile(filePath: string): Promise<void> {
  const name = path.basename(filePath);
  try {
    const info = await stat(filePath);
    if (!info.isFile()) {
      throw new FileSourceError(
        'NOT_A_FILE',
        filePath,
        `${name}: not a regular file (${path.resolve(filePath)})`,
      );
    }
  } catch (error) {
    if (error instanceof FileSourceError) throw error;
    throw translateStreamError(filePath, error);
  }
}

function translateStreamError(filePath: string, error: unknown): Error {
  if (error instanceof FileSourceError) return error;
  const name = path.basename(filePath);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') {
    return new FileSourceError(
      'FILE_NOT_FOUND',
      filePath,
      `${name}: file not found (looked for ${path.resolve(filePath)})`,
      { cause: error },
    );
  }
  if (code === 'EISDIR') {
    return new FileSourceError('NOT_A_FILE', filePath, `${name}: is a directory, expected a file`, {
      cause: error,
    });
  }
  if (code?.startsWith('Z_') || code === 'ERR_ZLIB') {
    return new FileSourceError(
      'BAD_GZIP',
      filePath,
      `${name}: not a valid gzip file (${detail}); remove the .gz suffix if the file is not compressed`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new FileSourceError(
      'FILE_UNREADABLE',
      filePath,
      `${name}: permission denied; check the file's read permission`,
      { cause: error },
    );
  }
  return new FileSourceError('FILE_UNREADABLE', filePath, `${name}: cannot be read (${detail})`, {
    cause: error,
  });
}

/**
 * Reads just enough of a chunk stream to look at its start, then gives back a stream that still
 * yields everything (the peeked text first). Used to sniff the format of unknown file types; call
 * `close` instead of reading `chunks` when the peek shows the rest is not wanted.
 */
export async function peekText(
  chunks: AsyncIterable<string>,
  minChars: number,
): Promise<{ head: string; chunks: AsyncGenerator<string>; close: () => Promise<void> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: string[] = [];
  let length = 0;
  let done = false;
  while (length < minChars) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<string> {
    try {
      yield* seen;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  const close = async (): Promise<void> => {
    await iterator.return?.();
  };
  return { head: seen.join(''), chunks: replay(), close };
}
