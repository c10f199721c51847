import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWalCheckpointer } from '../../infra/sqlite/wal-checkpointer';
import { createLogger } from '../../infra/logger';

const ROWS = 2_000;
const ROW = '会员掉线，申请退款。'.repeat(50);

/**
 * A writer that never checkpoints itself (wal_autocheckpoint = 0) leaves every committed page in
 * the WAL: only the background checkpointer can have copied them into the database file.
 */
describe('the background WAL checkpointer', () => {
  let dir: string;
  let file: string;
  let writer: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'recourse-wal-'));
    file = path.join(dir, 'store.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table notes (id integer primary key, body text not null)');
  });

  afterEach(() => {
    if (writer.open) writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = () => {
    const insert = writer.prepare('insert into notes (body) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(ROW);
    })();
  };

  it('copies committed pages into the database file from its own thread', async () => {
    const checkpointer = startWalCheckpointer([file], createLogger('silent'), 20);
    try {
      const before = statSync(file).size;
      write();
      await until(() => statSync(file).size > before + ROWS * ROW.length);
    } finally {
      await checkpointer.stop();
    }
    expect(writer.prepare('select count(*) as n from notes').get()).toEqual({ n: ROWS });
  });

  it('leaves the WAL alone without it, so the test above can fail', async () => {
    const before = statSync(file).size;
    write();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statSync(file).size).toBe(before);
  });

  it('stops cleanly, and a file the writer closed meanwhile is still whole', async () => {
    const checkpointer = startWalCheckpointer([file], createLogger('silent'), 20);
    write();
    writer.close();
    await checkpointer.stop();
    const reader = new Database(file, { readonly: true });
    try {
      expect(reader.prepare('select count(*) as n from notes').get()).toEqual({ n: ROWS });
    } finally {
      reader.close();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
