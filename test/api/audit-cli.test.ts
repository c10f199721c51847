import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ExportedEvent } from '../../infra/audit/export-ndjson';
import { claimLine } from '../../infra/audit/verify-report';
import { verifyAllClaims } from '../../infra/audit/verify-store';
import { openEventStore } from '../../infra/backends';
import { loadConfig } from '../../infra/config';
import { verifyChain } from '../../services/audit/verify-chain';
import { claimStreamName } from '../../services/claims';
import { NOW } from '../support/claim-builders';
import { appendLegacyStream } from '../support/legacy-stream';
import { CLI } from '../support/processes';
import { Tamperer } from '../support/tamper';
import { SEEDED_EVENT_TYPES, seedClaims } from '../support/tamper-seed';
import type { ClaimLine } from '../../infra/audit/anchors';

const execFileAsync = promisify(execFile);
const VERIFY_EXPORT = path.resolve(__dirname, '..', '..', 'infra', 'audit', 'verify-export.mjs');
const VERIFY_CLAIM_JQ = path.resolve(__dirname, '..', '..', 'infra', 'audit', 'verify-claim-jq.sh');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a node script as a user would, answering its exit code instead of throwing on a non-zero one. */
async function node(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout: string; stderr: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `recourse …` on a data directory; only the settings given here, so nothing of the test run's leaks in. */
function recourse(dataDir: string, ...args: string[]): Promise<Run> {
  return node([CLI, ...args], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
}

function jsonLines<T = Record<string, unknown>>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

function claimLines(stdout: string): Map<string, ClaimLine> {
  const lines = jsonLines<ClaimLine>(stdout).filter((line) => line.kind === 'claim');
  return new Map(lines.map((line) => [line.claimId, line]));
}

let dataDir: string;
let claimIds: string[];
let storeFile: string;
beforeEach(async () => {
  ({ dataDir, claimIds } = await seedClaims(3));
  storeFile = path.join(dataDir, 'events.sqlite');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function tamper(edit: (tamperer: Tamperer) => void): void {
  Tamperer.edit(storeFile, edit);
}

describe('recourse audit verify', () => {
  it('reports every claim intact with its event count and head, and exits 0', async () => {
    const json = await recourse(dataDir, 'audit', 'verify', '--json');
    expect(json.code).toBe(0);
    const claims = claimLines(json.stdout);
    expect([...claims.keys()].sort()).toEqual([...claimIds].sort());
    for (const line of claims.values()) {
      expect(line).toMatchObject({ valid: true, eventCount: 6, lastValidRevision: 5, firstInvalidRevision: null, reason: null });
      expect(line.headHash).toMatch(/^[0-9a-f]{64}$/);
    }
    // The order reservations in the same store carry no chain and are not counted.
    expect(jsonLines(json.stdout).at(-1)).toMatchObject({ kind: 'summary', claimsChecked: 3, eventsChecked: 18, broken: 0 });

    const text = await recourse(dataDir, 'audit', 'verify');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^checked 3 claims, 18 events \([\d.]+ s, [\d,]+ events\/s\): all intact\n$/);
    expect(text.stderr).toBe('');
  });

  const target = (): string => claimStreamName(claimIds[1]);
  it.each([
    ['one character of an event’s data changed', (t: Tamperer) => t.changeDataCharacter(target(), 2), 2, /does not match its hash/],
    ['an event deleted from the middle', (t: Tamperer) => t.deleteEvent(target(), 3), 3, /revision 3 is missing/],
    ['the first event deleted', (t: Tamperer) => t.deleteEvent(target(), 0), 0, /revision 0 is missing/],
    ['two events’ revisions swapped', (t: Tamperer) => t.swapRevisions(target(), 1, 4), 1, /revision 1 is missing .*found revision 4/],
    ['two events’ contents swapped', (t: Tamperer) => t.swapContents(target(), 2, 3), 2, /prevHash does not link to revision 1/],
    [
      'the actor in an event’s metadata altered',
      (t: Tamperer) => t.editMetadata(target(), 4, (metadata) => (metadata.actor = { id: 'agent-scapegoat', role: 'agent' })),
      4,
      /does not match its hash/,
    ],
  ])('finds %s at the right revision, in that claim only, and exits 1', async (_, edit, revision, reason) => {
    tamper(edit);
    const [untouched, broken] = [claimIds[0], claimIds[1]];

    const json = await recourse(dataDir, 'audit', 'verify', '--json');
    expect(json.code).toBe(1);
    const claims = claimLines(json.stdout);
    expect(claims.get(broken)).toMatchObject({ valid: false, firstInvalidRevision: revision, reason: expect.stringMatching(reason) });
    expect([claimIds[0], claimIds[2]].map((id) => claims.get(id)?.valid)).toEqual([true, true]);
    expect(jsonLines(json.stdout).at(-1)).toMatchObject({ kind: 'summary', claimsChecked: 3, broken: 1 });

    const one = await recourse(dataDir, 'audit', 'verify', '--claim', broken, '--json');
    expect(one.code).toBe(1);
    expect(claimLines(one.stdout).get(broken)?.firstInvalidRevision).toBe(revision);
    expect((await recourse(dataDir, 'audit', 'verify', '--claim', untouched)).code).toBe(0);

    // The API's verifyClaim applies the same rules to the same stream, and agrees.
    const store = openEventStore(loadConfig({ DATA_DIR: dataDir }));
    const stream = await store.readStream(claimStreamName(broken));
    await store.close();
    expect(verifyChain(stream).firstInvalidRevision).toBe(revision);
  });

  it('prints a line per broken claim, then the summary, and the intact claims too with --list', async () => {
    tamper((t) => {
      t.deleteEvent(claimStreamName(claimIds[0]), 4);
      t.changeDataCharacter(claimStreamName(claimIds[2]), 1);
    });
    const text = await recourse(dataDir, 'audit', 'verify');
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n')).toEqual([
      `BROKEN claim ${claimIds[0]} at revision 4: revision 4 is missing where expected (found revision 5): an event was deleted or moved`,
      `BROKEN claim ${claimIds[2]} at revision 1: the event does not match its hash: its content was altered`,
      expect.stringMatching(/^checked 3 claims, 17 events \([\d.]+ s, [\d,]+ events\/s\): 2 claims BROKEN$/),
      '',
    ]);
    const listed = await recourse(dataDir, 'audit', 'verify', '--list');
    expect(listed.stdout.split('\n')[1]).toMatch(new RegExp(`^ok +claim ${claimIds[1]}: 6 events, head [0-9a-f]{64}$`));
  });
});

describe('the whole-store verifier', () => {
  it('carries each claim’s chain across batches and reports its progress up to the head', async () => {
    tamper((t) => t.deleteEvent(claimStreamName(claimIds[1]), 3));
    const store = openEventStore(loadConfig({ DATA_DIR: dataDir }));
    const positions: bigint[] = [];
    const inFours = await verifyAllClaims(store, { batchSize: 4, onProgress: (position) => positions.push(position) });
    const inOne = await verifyAllClaims(store);
    const head = await store.headPosition();
    await store.close();

    expect(inFours.claims.map(claimLine)).toEqual(inOne.claims.map(claimLine));
    expect(inFours.claims.map((check) => [check.claimId, check.broken?.revision ?? null])).toEqual([
      [claimIds[0], null],
      [claimIds[1], 3],
      [claimIds[2], null],
    ]);
    expect(positions.length).toBeGreaterThan(4);
    expect(positions.at(-1)).toBe(head);
  });

  // `script` runs the command on a pseudo-terminal (util-linux; present wherever these tests run so far).
  const onTerminal = existsSync('/usr/bin/script') ? it : it.skip;
  onTerminal('draws a progress bar when stderr is a terminal', async () => {
    const command = [process.execPath, CLI, 'audit', 'verify'].map((word) => JSON.stringify(word)).join(' ');
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const { stdout } = await execFileAsync('/usr/bin/script', ['-qec', command, '/dev/null'], { env });
    expect(stdout).toMatch(/verifying \|.*\| 100% \| position (\d+)\/\1 \| 18 events/);
    expect(stdout).toMatch(/all intact/);
  });
});

describe('recourse audit verify --anchors (the heads of an earlier run)', () => {
  it('cannot see a removed last event from the chain alone, and finds it against the earlier heads', async () => {
    const anchors = path.join(dataDir, 'heads.ndjson');
    writeFileSync(anchors, (await recourse(dataDir, 'audit', 'verify', '--json')).stdout);
    tamper((t) => t.deleteLastEvent(claimStreamName(claimIds[2])));

    expect((await recourse(dataDir, 'audit', 'verify')).code).toBe(0);
    const anchored = await recourse(dataDir, 'audit', 'verify', '--json', '--anchors', anchors);
    expect(anchored.code).toBe(1);
    const claims = claimLines(anchored.stdout);
    expect(claims.get(claimIds[2])).toMatchObject({ valid: false, firstInvalidRevision: 5, reason: expect.stringMatching(/removed from its end/) });
    expect([claimIds[0], claimIds[1]].map((id) => claims.get(id)?.valid)).toEqual([true, true]);
  });

  it('finds a stream whose hashes a forger recomputed after changing an event', async () => {
    const anchors = path.join(dataDir, 'heads.ndjson');
    writeFileSync(anchors, (await recourse(dataDir, 'audit', 'verify', '--json')).stdout);
    tamper((t) => {
      t.changeDataCharacter(claimStreamName(claimIds[0]), 2);
      t.rehashFrom(claimStreamName(claimIds[0]), 2);
    });

    expect((await recourse(dataDir, 'audit', 'verify')).code).toBe(0);
    const anchored = await recourse(dataDir, 'audit', 'verify', '--claim', claimIds[0], '--anchors', anchors);
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toMatch(new RegExp(`BROKEN claim ${claimIds[0]} at revision 5: .*rewritten at or before it`));
  });
});

describe('recourse audit export', () => {
  it('writes every claim event as one NDJSON line with its hash chain, to a file or to stdout', async () => {
    const file = path.join(dataDir, 'export.ndjson');
    const written = await recourse(dataDir, 'audit', 'export', '--out', file);
    expect(written).toMatchObject({ code: 0, stdout: '' });
    expect(written.stderr).toMatch(/^exported 18 events to .*export\.ndjson in [\d.]+ s\n$/);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const text = readFileSync(file, 'utf8');
    const lines = jsonLines<ExportedEvent>(text);
    expect(lines).toHaveLength(18);
    expect(new Set(lines.map((line) => line.streamId))).toEqual(new Set(claimIds.map(claimStreamName)));
    for (const id of claimIds) {
      const stream = lines.filter((line) => line.streamId === claimStreamName(id));
      expect(stream.map((line) => [line.revision, line.type])).toEqual(SEEDED_EVENT_TYPES.map((type, revision) => [revision, type]));
      expect(stream.map((line) => line.metadata.prevHash)).toEqual([null, ...stream.slice(0, -1).map((line) => line.metadata.hash)]);
    }
    const positions = lines.map((line) => BigInt(line.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(lines.every((line) => /^\d+$/.test(line.position) && new Date(line.recordedAt).toISOString() === line.recordedAt)).toBe(true);

    expect((await recourse(dataDir, 'audit', 'export')).stdout).toBe(text);
    const one = await recourse(dataDir, 'audit', 'export', '--claim', claimIds[1]);
    const ofThatClaim = text.split('\n').filter((line) => line.includes(`"streamId":"${claimStreamName(claimIds[1])}"`));
    expect(one.stdout).toBe(ofThatClaim.map((line) => `${line}\n`).join(''));
  });

  it('is verified offline by the shipped Node script, which rejects an edited or shortened export', async () => {
    const file = path.join(dataDir, 'export.ndjson');
    await recourse(dataDir, 'audit', 'export', '--out', file);
    const genuine = await node([VERIFY_EXPORT, file]);
    expect(genuine).toMatchObject({ code: 0, stdout: '3 streams, 18 events: all intact\n' });

    const lines = readFileSync(file, 'utf8').split('\n');
    const edited = lines.map((line) => line.replace('支付宝付款记录', '支付宝付款记彔'));
    writeFileSync(file, edited.join('\n'));
    const afterEdit = await node([VERIFY_EXPORT, file]);
    expect(afterEdit.code).toBe(1);
    expect(afterEdit.stdout.match(/^BROKEN claim-[0-9a-f-]+: revision 1: the event does not match its hash$/gm)).toHaveLength(3);

    writeFileSync(file, lines.filter((line) => !line.includes('"type":"ClaimAssigned"')).join('\n'));
    const shortened = await node([VERIFY_EXPORT, file]);
    expect(shortened.code).toBe(1);
    expect(shortened.stdout.match(/revision 2 is missing \(found 3\)/g)).toHaveLength(3);
  });

  const withJq = existsSync('/usr/bin/jq') ? it : it.skip;
  withJq('is verified claim by claim with jq and sha256sum too, which find an edited event', async () => {
    const file = path.join(dataDir, 'export.ndjson');
    await recourse(dataDir, 'audit', 'export', '--out', file);
    const jq = (claimId: string) =>
      execFileAsync('/bin/sh', [VERIFY_CLAIM_JQ, file, claimId]).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const genuine = await jq(claimIds[0]);
    expect(genuine.code).toBe(0);
    expect(genuine.stdout.match(/^ok \d+ [0-9a-f]{64}$/gm)).toHaveLength(6);

    const lines = readFileSync(file, 'utf8').split('\n');
    const edited = (line: string) => line.includes(claimStreamName(claimIds[0])) && line.includes('"revision":4,');
    writeFileSync(file, lines.map((line) => (edited(line) ? line.replace('ALIPAY-', 'ALIPAY_') : line)).join('\n'));
    expect(await jq(claimIds[0])).toEqual({ code: 1, stdout: expect.stringMatching(/^(ok .*\n){4}BROKEN at revision 4\n$/) });
    expect((await jq(claimIds[1])).code).toBe(0);
  });

  it('exports a tampered store as it is, so that the offline check finds the tampering too', async () => {
    tamper((t) => t.editMetadata(claimStreamName(claimIds[0]), 3, (metadata) => (metadata.correlationId = 'forged')));
    const file = path.join(dataDir, 'export.ndjson');
    expect((await recourse(dataDir, 'audit', 'export', '--out', file)).code).toBe(0);
    const offline = await node([VERIFY_EXPORT, file]);
    expect(offline.code).toBe(1);
    expect(offline.stdout).toContain(`BROKEN ${claimStreamName(claimIds[0])}: revision 3: the event does not match its hash`);
  });
});

describe('the record as stored', () => {
  it('verifies and exports events of an older schema version exactly as they were written, never upcast', async () => {
    const claimId = randomUUID();
    const buyer = { id: 'buyer-2024', role: 'claimant' } as const;
    const store = openEventStore(loadConfig({ DATA_DIR: dataDir }));
    await appendLegacyStream(store, claimId, [
      { type: 'ClaimFiled', schemaVersion: 1, actor: buyer, data: { claimId, platformId: 'kameng-shop', occurredAt: NOW } },
      {
        type: 'EvidenceAdded',
        schemaVersion: 1,
        actor: buyer,
        // Version 1's shape: `sha256` where version 2 has `digest`.
        data: { claimId, evidenceId: 'ev-2024', kind: 'PAYMENT_RECORD', description: '付款记录', sha256: 'c'.repeat(64), occurredAt: NOW },
      },
    ]);
    await store.close();

    expect((await recourse(dataDir, 'audit', 'verify', '--claim', claimId)).code).toBe(0);
    const file = path.join(dataDir, 'legacy.ndjson');
    await recourse(dataDir, 'audit', 'export', '--claim', claimId, '--out', file);
    const [, evidence] = jsonLines<ExportedEvent>(readFileSync(file, 'utf8'));
    expect(evidence.data).toMatchObject({ sha256: 'c'.repeat(64) });
    expect(evidence.metadata.schemaVersion).toBe(1);
    expect((await node([VERIFY_EXPORT, file])).code).toBe(0);
  });
});

describe('recourse audit, when it cannot do its job', () => {
  it('exits 2, not 1, for an unknown claim, a missing store or a malformed claim id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await recourse(dataDir, 'audit', 'verify', '--claim', unknown)).toMatchObject({
      code: 2,
      stderr: `recourse: claim ${unknown} has no events in the store\n`,
    });
    expect(await recourse(dataDir, 'audit', 'export', '--claim', unknown, '--out', path.join(dataDir, 'x.ndjson'))).toMatchObject({ code: 2 });
    expect(existsSync(path.join(dataDir, 'x.ndjson'))).toBe(false);
    expect(await recourse(path.join(dataDir, 'elsewhere'), 'audit', 'verify')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no event store at .*elsewhere/),
    });
    expect(existsSync(path.join(dataDir, 'elsewhere'))).toBe(false);
    expect(await recourse(dataDir, 'audit', 'verify', '--claim', 'not-a-uuid')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/must be a claim id/),
    });
  });

  it('exits 2 at an event that is not even JSON, naming the last position it could read', async () => {
    let position = 0;
    tamper((t) => (position = t.breakDataJson(claimStreamName(claimIds[2]), 1)));
    const { code, stdout, stderr } = await recourse(dataDir, 'audit', 'verify');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(new RegExp(`^recourse: cannot read the event after position ${position - 1}; the record is damaged there: SyntaxError`));
  });
});
