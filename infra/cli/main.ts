#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { registerAuditCommands } from './audit-commands';
import { registerProjectionCommands } from './projection-commands';
import { project, serve } from './serve';
import { UnknownTokenError } from './token';
import { registerTokenCommands } from './token-commands';

/** `--workers`: a whole number from 1 to 64, as `WORKERS`. */
function workerCount(raw: string): number {
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new ConfigError(`--workers must be a whole number from 1 to 64; got "${raw}"`);
  return count;
}

/** `recourse` — the one entry point: serve the API, manage tokens. */
function program(): Command {
  const cli = new Command('recourse')
    .description('Recourse: an event-sourced tracker for consumer claims and their escalation, served over GraphQL.')
    .addHelpText('after', '\nSettings come from the environment (PORT, DATA_DIR, …): see README.md, "Settings".')
    .showHelpAfterError();

  cli
    .command('serve')
    .description('serve the GraphQL API (and, unless told otherwise, run the projections)')
    .option('--no-projections', 'do not run the projection runner in this process')
    .option('--workers <count>', 'serve from this many processes sharing the port (default: WORKERS, 1)')
    .action(async (options: { projections: boolean; workers?: string }) => {
      const config = loadConfig();
      const workers = options.workers === undefined ? config.workers : workerCount(options.workers);
      await serve({ ...config, runProjections: config.runProjections && options.projections, workers });
    });

  cli
    .command('project')
    .description('run only the projection runner (with /healthz and /readyz on PORT); API processes then use serve --no-projections')
    .action(async () => {
      await project(loadConfig());
    });

  registerTokenCommands(cli);
  registerAuditCommands(cli);
  registerProjectionCommands(cli);
  return cli;
}

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof ConfigError ? `configuration: ${error.message}` : error instanceof UnknownTokenError ? error.message : String((error as Error)?.stack ?? error);
    process.stderr.write(`recourse: ${message}\n`);
    process.exit(1);
  });
