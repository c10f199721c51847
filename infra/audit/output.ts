import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Runs `write` against `file` — written as `<file>.partial`, synced, and renamed into place only
 * when `write` succeeds (removed when it fails), so a partial export is never taken for a whole
 * one — or against stdout when no file is named (stdout is left open).
 */
export async function writeOutput<T>(file: string | undefined, stdout: Writable, write: (out: Writable) => Promise<T>): Promise<T> {
  if (file === undefined) return write(stdout);
  const partial = `${file}.partial`;
  // `flush`: fsync before close, so a published export survives a crash of the machine.
  const stream = createWriteStream(partial, { flush: true });
  try {
    const result = await write(stream);
    stream.end();
    await finished(stream);
    renameSync(partial, file);
    return result;
  } catch (error) {
    stream.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Writes lines in chunks, waiting for `drain` when `out` is full: a long report needs no more memory than a chunk. */
export async function writeLines(out: Writable, lines: Iterable<string>, linesPerChunk = 1_000): Promise<void> {
  let chunk: string[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length > 0 && !out.write(chunk.join(''))) await once(out, 'drain');
    chunk = [];
  };
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= linesPerChunk) await flush();
  }
  await flush();
}
