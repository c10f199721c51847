import { InvalidArgumentError, type Command } from 'commander';
import { isClaimId } from '../../services/claims/streams';
import { AuditInputError, EXIT_FAILED } from '../audit/audit-errors';
import { runExport } from '../audit/run-export';
import { runVerify, type CommandIo } from '../audit/run-verify';
import { ConfigError, loadConfig, type Config } from '../config';

const EXPORT_HELP = '\nVerify an export offline: node infra/audit/verify-export.mjs <file> (see README).\nExit status: 0 exported, 2 failed.';

/** `recourse audit …`: verify the hash chains, export the record for offline verification. */
export function registerAuditCommands(cli: Command): void {
  const audit = cli
    .command('audit')
    .description('verify and export the tamper-evident record (see README, "Auditing from the command line")')
    // A usage error must not exit with 1, which `verify` keeps for "the record is broken" (help still exits 0).
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_FAILED));

  audit
    .command('verify')
    .description('recompute the hash chain of one claim, or of every claim in the store, from the events as stored')
    .option('--claim <id>', 'verify only this claim', claimId)
    .option('--json', 'print one JSON object per line: one per claim, then a summary')
    .option('--list', 'also list the intact claims (broken ones are always listed)')
    .option('--anchors <file>', 'an earlier "audit verify --json" output: each claim must still contain the head it recorded')
    .addHelpText('after', '\nExit status: 0 every chain intact, 1 something broken, 2 could not verify.')
    .action((options: { claim?: string; json?: boolean; list?: boolean; anchors?: string }) =>
      run((config, io) => runVerify(config, { ...options, json: options.json ?? false, list: options.list ?? false }, io)),
    );

  audit
    .command('export')
    .description('write the claim events as stored, with their hashes, as NDJSON (one event per line), streaming')
    .option('--claim <id>', 'export only this claim', claimId)
    .option('--out <file>', 'write to this file (it appears only once complete) instead of stdout')
    .addHelpText('after', EXPORT_HELP)
    .action((options: { claim?: string; out?: string }) => run((config, io) => runExport(config, options, io)));
}

/**
 * Runs an audit command and sets the exit status it answers. Failures exit with 2, not the usual 1,
 * which `verify` keeps for "the record is broken": a scheduler must tell the two apart.
 */
async function run(command: (config: Config, io: CommandIo) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command(loadConfig(), { stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    const message = speaksForItself(error) ? error.message : String((error as Error)?.stack ?? error);
    process.stderr.write(`recourse: ${message}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

/** Bad input, and system errors (a full disk, a closed pipe: ENOSPC, EPIPE); a bug shows its stack instead. */
function speaksForItself(error: unknown): error is Error {
  if (error instanceof AuditInputError || error instanceof ConfigError) return true;
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function claimId(value: string): string {
  if (!isClaimId(value)) throw new InvalidArgumentError('must be a claim id (a UUID)');
  return value.toLowerCase();
}
