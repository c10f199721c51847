import { allProjections } from '../../projections';
import type { Config } from '../config';
import { createLogger } from '../logger';
import { rebuildProjections, type RebuildResult } from './rebuild';
import { openProjectionStores } from './rebuild-database';
import { rebuildDisplay } from './rebuild-progress';
import { selectProjections } from './rebuild-targets';

/** Exit status of a rebuild stopped by Ctrl-C or SIGTERM before its switch (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Where a command writes, and the process it reacts to (signals). */
export interface CommandIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  process: Pick<NodeJS.Process, 'on' | 'off' | 'exit'>;
}

export interface RebuildCommandOptions {
  /** Projection names; none: every projection. */
  names: readonly string[];
  batchSize?: number;
}

/**
 * `recourse projections rebuild [<name>]`: rebuilds beside the live tables and switches, with a
 * progress display on stderr and a summary on stdout. The first Ctrl-C (or SIGTERM) finishes the
 * batch in progress and stops, keeping the rebuild's checkpoint (rerun to resume); a second one
 * exits at once, which is safe too: the open transaction is rolled back. Resolves the exit status.
 */
export async function runRebuild(config: Config, options: RebuildCommandOptions, io: CommandIo): Promise<number> {
  const projections = selectProjections(allProjections, options.names);
  const names = projections.map(({ name }) => name).join(', ');
  const logger = createLogger(config.logLevel, 'stderr');
  const display = rebuildDisplay(io.stderr, `rebuild ${names}`);
  let stopping = false;
  const interrupt = () => {
    if (stopping) io.process.exit(EXIT_INTERRUPTED);
    stopping = true;
    display.note('Stopping after the batch in progress (press Ctrl-C again to stop at once)…');
  };
  io.process.on('SIGINT', interrupt);
  io.process.on('SIGTERM', interrupt);
  const stores = await openProjectionStores(config);
  const started = performance.now();
  try {
    const result = await rebuildProjections({
      ...stores,
      projections,
      batchSize: options.batchSize,
      onProgress: (progress) => display.update(progress),
      shouldStop: () => stopping,
      logger,
    });
    display.stop();
    return report(result, names, (performance.now() - started) / 1000, io);
  } finally {
    display.stop();
    io.process.off('SIGINT', interrupt);
    io.process.off('SIGTERM', interrupt);
    await stores.close();
  }
}

function report(result: RebuildResult, names: string, seconds: number, io: CommandIo): number {
  const events = Number(result.position - result.startedAt);
  const rate = seconds > 0 ? Math.round(events / seconds) : events;
  if (result.outcome === 'interrupted') {
    io.stderr.write(
      `Rebuild of ${names} interrupted at position ${result.position}; the live read models are unchanged. ` +
        'Rerun the same command to resume.\n',
    );
    return EXIT_INTERRUPTED;
  }
  const resumed = result.startedAt > 0n ? ` (resumed at position ${result.startedAt})` : '';
  io.stdout.write(
    `Rebuilt ${names} up to position ${result.position}${resumed}: ${events} events in ${seconds.toFixed(1)} s ` +
      `(${rate} events/s); the new tables now serve.\n`,
  );
  return 0;
}
