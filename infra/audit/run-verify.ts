import type { Writable } from 'node:stream';
import type { EventStore } from '../../services/event-store';
import type { Config } from '../config';
import { readAnchors } from './anchors';
import { AuditInputError, EXIT_BROKEN, EXIT_INTACT } from './audit-errors';
import type { ChainAnchor } from './chain-check';
import { writeLines } from './output';
import { startProgress } from './progress';
import { openRawEventStore } from './raw-store';
import { reportLines } from './verify-report';
import { auditThreads } from './verify-sqlite';
import { verifyAllClaims, verifyOneClaim, type AuditResult } from './verify-store';

/** `recourse audit verify`'s options. */
export interface VerifyCommandOptions {
  /** Only this claim (a lower-case UUID); otherwise every claim in the store. */
  claim?: string;
  json: boolean;
  list: boolean;
  /** A file of an earlier `--json` run whose heads must still be in the chains. */
  anchors?: string;
}

/** Where a command writes: its answer on `stdout`, progress on `stderr`. */
export interface CommandIo {
  stdout: Writable;
  stderr: NodeJS.WriteStream;
}

/** Verifies, prints the report, and answers the exit code: 0 when every chain is intact, 1 otherwise. */
export async function runVerify(config: Config, options: VerifyCommandOptions, io: CommandIo): Promise<number> {
  const anchors = options.anchors === undefined ? undefined : await readAnchors(options.anchors);
  const store = openRawEventStore(config);
  try {
    const result = options.claim ? await verifyOneClaim(store, options.claim, { anchors }) : await verifyStore(store, config, io, anchors);
    if (options.claim && result.claims.length === 0) {
      throw new AuditInputError(`claim ${options.claim} has no events in the store`);
    }
    await writeLines(io.stdout, reportLines(result, options));
    return result.summary.broken > 0 ? EXIT_BROKEN : EXIT_INTACT;
  } finally {
    await store.close();
  }
}

/** A SQLite store is read directly, by as many threads as `AUDIT_THREADS` allows; any other through its adapter. */
async function verifyStore(store: EventStore, config: Config, io: CommandIo, anchors?: Map<string, ChainAnchor>): Promise<AuditResult> {
  const upTo = await store.headPosition();
  const sqlite = config.eventStore === 'sqlite' ? { sqlitePath: config.eventStorePath, threads: auditThreads(config.auditThreads, upTo) } : {};
  const progress = startProgress(io.stderr, 'verifying', upTo);
  try {
    return await verifyAllClaims(store, { anchors, upTo, ...sqlite, onProgress: (position, events) => progress.update(position, events) });
  } finally {
    progress.stop();
  }
}
