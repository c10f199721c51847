import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The CLI as a user runs it: the compiled entry point (`npm test` builds first). */
export const CLI = path.resolve(__dirname, '..', '..', 'dist', 'infra', 'cli', 'main.js');

type LogLine = Record<string, unknown>;

/** A `recourse` child process whose JSON log lines can be awaited. */
export class RecourseProcess {
  readonly seen: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      this.seen.push(line);
      for (const waiter of this.waiters.filter((w) => w.test(line))) waiter.resolve(line);
    });
  }

  static start(args: string[], env: Record<string, string>): RecourseProcess {
    return new RecourseProcess(spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env } }));
  }

  /** The first log line (seen or to come) that passes `test`. */
  until(test: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    const found = this.seen.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such log line within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ test, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  }

  untilMessage(message: string, timeoutMs?: number): Promise<LogLine> {
    return this.until((line) => line.msg === message, timeoutMs);
  }

  messages(): unknown[] {
    return this.seen.map((line) => line.msg);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
