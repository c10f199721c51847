import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { AcknowledgedBatch } from './sqlite-writer-child';

const REGISTER = join(__dirname, 'sqlite-ts-register.js');
const CHILD = join(__dirname, 'sqlite-writer-child.ts');
/** A writer that has not acknowledged anything by then is stuck: fail instead of waiting for jest. */
const FIRST_ACK_TIMEOUT_MS = 15_000;

/**
 * Starts the writer child on `path` and `streamIds`, lets it append for a random `0..killAfterMaxMs`
 * ms after its first acknowledgement, kills it with SIGKILL, and returns the batches it acknowledged.
 * Rejects when the child ends any other way (its stderr is in the error).
 */
export async function runWriterUntilKilled(
  path: string,
  streamIds: string[],
  killAfterMaxMs: number,
): Promise<AcknowledgedBatch[]> {
  const child = spawn(process.execPath, ['-r', REGISTER, CHILD, path, ...streamIds], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let killScheduled = false;
  const kill = (): boolean => child.kill('SIGKILL');
  const stuck = setTimeout(kill, FIRST_ACK_TIMEOUT_MS);
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (killScheduled || !stdout.includes('\n')) return;
    killScheduled = true;
    clearTimeout(stuck);
    setTimeout(kill, Math.floor(Math.random() * killAfterMaxMs));
  });
  // 'close' comes after 'exit' and after stdout has been read to its end.
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(stuck);
  if (signal !== 'SIGKILL' || !killScheduled) {
    throw new Error(`writer ended with code ${code}, signal ${signal}, before or without acknowledging: ${stderr}`);
  }
  return parseAcknowledgements(stdout);
}

/** Complete lines only: a line cut off by the kill was never an acknowledgement. */
function parseAcknowledgements(stdout: string): AcknowledgedBatch[] {
  const lines = stdout.split('\n').slice(0, -1);
  return lines.map((line) => JSON.parse(line) as AcknowledgedBatch);
}
