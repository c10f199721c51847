import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** What `startWalCheckpointer` hands its worker thread. */
export interface CheckpointWorkerInput {
  files: string[];
  intervalMs: number;
}

if (parentPort) {
  const port = parentPort;
  const { files, intervalMs } = workerData as CheckpointWorkerInput;
  // Connections of its own; a file that does not exist is not made here (its owner makes it).
  const connections = files.map((file) => new Database(file, { fileMustExist: true, timeout: 0 }));
  const checkpoint = () => {
    for (const db of connections) {
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy (another checkpoint, or a process switching the file): the next round tries again.
      }
    }
  };
  const timer = setInterval(checkpoint, intervalMs);
  port.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    for (const db of connections) db.close();
    port.close();
  });
}
