import { cpus, loadavg, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import { SERVER_NODE_ENV } from './server-process';

/** What a figure was measured on: it means little without the machine and the versions. */
export interface BenchEnvironment {
  node: string;
  sqlite: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  /** The machine's 1-minute load average when the figures were taken: other work on the cores shows here. */
  loadAverage: number;
  /** The NODE_ENV the benchmark's servers ran with. */
  serverNodeEnv: string;
}

export function benchEnvironment(): BenchEnvironment {
  const db = new Database(':memory:');
  try {
    const { version } = db.prepare('select sqlite_version() as version').get() as { version: string };
    const cores = cpus();
    return {
      node: process.version,
      sqlite: version,
      cpus: cores.length,
      cpuModel: cores[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      platform: `${process.platform} ${process.arch}`,
      loadAverage: Math.round(loadavg()[0] * 100) / 100,
      serverNodeEnv: SERVER_NODE_ENV,
    };
  } finally {
    db.close();
  }
}
