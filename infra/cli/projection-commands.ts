import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config';
import { DEFAULT_REBUILD_BATCH_SIZE } from '../projections/rebuild';
import { runRebuild } from '../projections/rebuild-command';
import { UnknownProjectionError } from '../projections/rebuild-targets';
import { runStatus } from '../projections/status-command';

/** `recourse projections …`: where each read model stands, and rebuilding one without downtime. */
export function registerProjectionCommands(cli: Command): void {
  const projections = cli.command('projections').description('inspect and rebuild the read models');

  projections
    .command('status')
    .description("each projection's version, position, the event store's head, the lag, and any rebuild in progress")
    .option('--json', 'print JSON (positions as strings) instead of a table')
    .action(async (options: { json?: boolean }) => {
      process.exitCode = await runStatus(loadConfig(), { json: options.json ?? false }, process.stdout);
    });

  projections
    .command('rebuild')
    .description('rebuild read models from the first event into new tables while the old ones serve, then switch atomically')
    .argument('[name]', 'the projection to rebuild (claim-summary, claim-evidence); default: all')
    .option('--batch-size <events>', 'events per transaction', positiveInteger, DEFAULT_REBUILD_BATCH_SIZE)
    .addHelpText('after', '\nCtrl-C stops after the batch in progress; rerun to resume. Exit status: 0 switched, 130 interrupted, 1 failed.')
    .action(async (name: string | undefined, options: { batchSize: number }) => {
      try {
        const io = { stdout: process.stdout, stderr: process.stderr, process };
        process.exitCode = await runRebuild(loadConfig(), { names: name ? [name] : [], batchSize: options.batchSize }, io);
      } catch (error) {
        if (!(error instanceof UnknownProjectionError)) throw error;
        process.stderr.write(`recourse: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return number;
}
