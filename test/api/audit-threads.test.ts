import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClaimLine } from '../../infra/audit/anchors';
import type { ChainAnchor } from '../../infra/audit/chain-check';
import { partOfClaim } from '../../infra/audit/sqlite-claim-rows';
import { claimLine } from '../../infra/audit/verify-report';
import { verifyAllClaims, type AuditOptions, type AuditResult } from '../../infra/audit/verify-store';
import { openEventStore } from '../../infra/backends';
import { availableParallelism } from 'node:os';
import { auditThreads, MAX_AUDIT_THREADS, MIN_EVENTS_FOR_THREADS } from '../../infra/audit/verify-sqlite';
import { ConfigError, loadConfig } from '../../infra/config';
import { claimStreamName } from '../../services/claims';
import { CLI } from '../support/processes';
import { Tamperer } from '../support/tamper';
import { seedClaims } from '../support/tamper-seed';

/*
 * The whole-store verifier's three ways through a SQLite store — the store's port (`readAll`, as
 * for EventStoreDB), the raw rows in this thread, the raw rows in worker threads — must find the
 * same things. The worker threads run the compiled verifier (dist/: `npm run build` first).
 */

/** A claim id whose first character puts it in the given part of two and of three (see `partOfClaim`). */
function claimIdStartingWith(character: string): string {
  return `${character}${randomUUID().slice(1)}`;
}

// '0' (48), '1' (49), 'b' (98), 'c' (99): parts 0, 1, 0, 1 of two; parts 0, 1, 2, 0 of three.
const FIRSTS = ['0', '1', 'b', 'c', '0', '1'];

let dataDir: string;
let claimIds: string[];
let storeFile: string;
beforeEach(async () => {
  ({ dataDir, claimIds } = await seedClaims(FIRSTS.length, FIRSTS.map(claimIdStartingWith)));
  storeFile = path.join(dataDir, 'events.sqlite');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function tamper(edit: (tamperer: Tamperer) => void): void {
  Tamperer.edit(storeFile, edit);
}

type Way = 'port' | 1 | 2 | 3;
const WAYS: Way[] = ['port', 1, 2, 3];

async function verify(way: Way, options: AuditOptions = {}): Promise<AuditResult> {
  const store = openEventStore(loadConfig({ DATA_DIR: dataDir }));
  try {
    return await verifyAllClaims(store, way === 'port' ? options : { ...options, sqlitePath: storeFile, threads: way });
  } finally {
    await store.close();
  }
}

/** What a report is made of, less the timing. */
function findings(result: AuditResult): { claims: ClaimLine[]; claimsChecked: number; eventsChecked: number; broken: number } {
  const { claimsChecked, eventsChecked, broken } = result.summary;
  return { claims: result.claims.map(claimLine), claimsChecked, eventsChecked, broken };
}

describe('the whole-store verifier, through the port, in this thread, in worker threads', () => {
  it('puts the seeded claims in both parts of two and in all three parts of three', () => {
    expect(new Set(claimIds.map((id) => partOfClaim(id, 2)))).toEqual(new Set([0, 1]));
    expect(new Set(claimIds.map((id) => partOfClaim(id, 3)))).toEqual(new Set([0, 1, 2]));
  });

  it('finds every claim intact, in filing order, with the same heads, every way', async () => {
    const results = await Promise.all(WAYS.map((way) => verify(way)));
    const expected = findings(results[0]);
    expect(expected).toMatchObject({ claimsChecked: 6, eventsChecked: 36, broken: 0 });
    expect(expected.claims.map((line) => line.claimId)).toEqual(claimIds);
    for (const result of results.slice(1)) expect(findings(result)).toEqual(expected);
  });

  it('finds the same tampering, at the same revisions, in every part, every way', async () => {
    const stream = (index: number): string => claimStreamName(claimIds[index]);
    tamper((t) => {
      t.changeDataCharacter(stream(0), 2);
      t.deleteEvent(stream(1), 3);
      t.swapContents(stream(2), 2, 3);
      t.editMetadata(stream(3), 4, (metadata) => (metadata.actor = { id: 'agent-scapegoat', role: 'agent' }));
      t.swapRevisions(stream(4), 1, 4);
    });
    const results = await Promise.all(WAYS.map((way) => verify(way)));
    const expected = findings(results[0]);
    expect(expected.claims.map((line) => line.firstInvalidRevision)).toEqual([2, 3, 2, 4, 1, null]);
    expect(expected).toMatchObject({ claimsChecked: 6, eventsChecked: 35, broken: 5 });
    for (const result of results.slice(1)) expect(findings(result)).toEqual(expected);
  });

  it.each([0, 1])('finds one changed character in a claim of part %i of two, and nothing else', async (part) => {
    const target = claimIds.find((id) => partOfClaim(id, 2) === part) as string;
    tamper((t) => t.changeDataCharacter(claimStreamName(target), 1));
    const result = await verify(2);
    expect(result.claims.filter((check) => !check.valid).map((check) => [check.claimId, check.broken?.revision])).toEqual([[target, 1]]);
  });

  it('holds each claim to its anchor in the workers: a removed last event, and a claim removed whole', async () => {
    const anchors = new Map<string, ChainAnchor>(
      (await verify('port')).claims.map((check) => [check.claimId, { revision: check.lastRevision, hash: check.headHash as string }]),
    );
    tamper((t) => {
      t.deleteLastEvent(claimStreamName(claimIds[1]));
      for (let revision = 0; revision < 6; revision++) t.deleteEvent(claimStreamName(claimIds[2]), revision);
    });
    const results = await Promise.all(WAYS.map((way) => verify(way, { anchors })));
    const expected = findings(results[0]);
    expect(expected.claims.filter((line) => !line.valid).map((line) => [line.claimId, line.firstInvalidRevision])).toEqual([
      [claimIds[1], 5],
      [claimIds[2], 0],
    ]);
    for (const result of results.slice(1)) expect(findings(result)).toEqual(expected);
  });

  it('reports progress from the workers up to the head, never going back', async () => {
    const store = openEventStore(loadConfig({ DATA_DIR: dataDir }));
    const head = await store.headPosition();
    await store.close();
    const reports: Array<[bigint, number]> = [];
    const result = await verify(2, { batchSize: 5, onProgress: (position, events) => reports.push([position, events]) });
    expect(reports.length).toBeGreaterThan(4);
    expect(reports.at(-1)).toEqual([head, result.summary.eventsChecked]);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i][0] >= reports[i - 1][0] && reports[i][1] >= reports[i - 1][1]).toBe(true);
    }
  });

  it.each([0, 1])('stops at a row of part %i that is not JSON with the same message every way', async (part) => {
    const target = claimIds.find((id) => partOfClaim(id, 2) === part) as string;
    let position = 0;
    tamper((t) => (position = t.breakDataJson(claimStreamName(target), 2)));
    const message = new RegExp(`^cannot read the event after position ${position - 1}; the record is damaged there: SyntaxError`);
    const failures = await Promise.all(WAYS.map((way) => verify(way).then(() => null, (error: Error) => error.message)));
    expect(failures[0]).toMatch(message);
    expect(failures.slice(1)).toEqual([failures[0], failures[0], failures[0]]);
  });

  it('fails on a number JSON cannot hold (1e999 parses to Infinity) with the same error every way', async () => {
    const db = new Database(storeFile);
    db.prepare(`UPDATE events SET data = replace(data, '"claimId"', '"amount":1e999,"claimId"') WHERE stream_id = ? AND revision = 1`).run(
      claimStreamName(claimIds[1]),
    );
    db.close();
    const failures = await Promise.all(WAYS.map((way) => verify(way).then(() => null, (error: Error) => error.message)));
    expect(failures[0]).toMatch(/^Non-finite number \(Infinity\)/);
    expect(failures.slice(1)).toEqual([failures[0], failures[0], failures[0]]);
  });
});

describe('how many threads verify a store', () => {
  it('reads AUDIT_THREADS as auto (the default) or a number from 1 to 64, and refuses anything else', () => {
    expect(loadConfig({}).auditThreads).toBe('auto');
    expect(loadConfig({ AUDIT_THREADS: 'auto' }).auditThreads).toBe('auto');
    expect(loadConfig({ AUDIT_THREADS: '3' }).auditThreads).toBe(3);
    for (const bad of ['0', '65', 'two', '1.5']) {
      expect(() => loadConfig({ AUDIT_THREADS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ AUDIT_THREADS: bad })).toThrow(/AUDIT_THREADS must be an integer from 1 to 64/);
    }
  });

  it('uses this thread alone for a small store, one thread per core (at most 4) for a large one, and a set number always', () => {
    expect(auditThreads('auto', BigInt(MIN_EVENTS_FOR_THREADS - 1))).toBe(1);
    expect(auditThreads('auto', BigInt(MIN_EVENTS_FOR_THREADS))).toBe(Math.min(availableParallelism(), MAX_AUDIT_THREADS));
    expect(auditThreads(3, 10n)).toBe(3);
  });
});

describe('recourse audit verify with AUDIT_THREADS', () => {
  const recourse = async (threads: string): Promise<string> => {
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUDIT_THREADS: threads };
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'audit', 'verify', '--json'], { env }).catch(
      (error: { stdout: string }) => error,
    );
    return stdout.split('\n').filter((line) => line.includes('"kind":"claim"')).join('\n');
  };

  it('prints the same claim lines with two worker threads as with one thread', async () => {
    tamper((t) => t.changeDataCharacter(claimStreamName(claimIds[3]), 2));
    const [one, two] = [await recourse('1'), await recourse('2')];
    expect(two.split('\n')).toHaveLength(6);
    expect(two).toBe(one);
    expect(two).toContain(`"claimId":"${claimIds[3]}","valid":false`);
  });
});
