import { parentPort, workerData } from 'node:worker_threads';
import { createGroupWriter, type AppendOutcome, type QueuedAppend } from './sqlite-append';
import { encodeError, STOP_MESSAGE, type GroupReply, type GroupRequest } from './sqlite-commit-protocol';
import { prepareWriteStatements } from './sqlite-rows';
import { connectExistingDatabase, type SqliteFileOptions } from './sqlite-schema';

/** What the commit thread is started with: the event-store file, opened by the serving thread already. */
export type CommitWorkerInput = SqliteFileOptions;

/** The commit thread's entry (see `sqlite-commit-thread.ts`): the write connection, one group at a time. */
if (parentPort) {
  const port = parentPort;
  // Throws out of the thread if the file cannot be opened: the serving thread rejects the group it sent.
  const db = connectExistingDatabase(workerData as CommitWorkerInput);
  const writeGroup = createGroupWriter(db, prepareWriteStatements(db));
  port.on('message', (message: GroupRequest | typeof STOP_MESSAGE) => {
    if (message === STOP_MESSAGE) {
      db.close();
      port.close();
      return;
    }
    port.postMessage(commitGroup(writeGroup, message));
  });
}

/** Runs one group's transaction (the fsync happens here, off the serving thread) and encodes what became of it. */
function commitGroup(writeGroup: (group: QueuedAppend[], now: number) => AppendOutcome[], request: GroupRequest): GroupReply {
  try {
    const outcomes = writeGroup(request.appends, request.now);
    return { outcomes: outcomes.map((outcome) => ('error' in outcome ? { refused: encodeError(outcome.error) } : { written: outcome })) };
  } catch (error) {
    return { failed: encodeError(error) };
  }
}
