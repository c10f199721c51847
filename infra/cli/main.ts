#!/usr/bin/env node
import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { registerAuditCommands } from './audit-commands';
import { registerProjectionCommands } from './projection-commands';
import { project, serve } from './serve';
import { createToken } from './token';
import { TOKEN_ROLES, isTokenRole } from '../../services/tokens';

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
    .action(async (options: { projections: boolean }) => {
      const config = loadConfig();
      await serve({ ...config, runProjections: config.runProjections && options.projections });
    });

  cli
    .command('project')
    .description('run only the projection runner (with /healthz and /readyz on PORT); API processes then use serve --no-projections')
    .action(async () => {
      await project(loadConfig());
    });

  const token = cli.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create a token and print it (only it) on stdout; works whether or not the server runs')
    .addOption(new Option('--role <role>', 'the role the token acts in').choices([...TOKEN_ROLES]).makeOptionMandatory())
    .requiredOption('--subject <id>', 'who the token speaks for (a claimant id, an agent id, …)', nonEmpty)
    .action(async (options: { role: string; subject: string }) => {
      if (!isTokenRole(options.role)) throw new InvalidArgumentError(`unknown role ${options.role}`);
      const config = loadConfig();
      const token = await createToken(config, createLogger(config.logLevel, 'stderr'), options.role, options.subject);
      process.stdout.write(`${token}\n`);
    });
  registerAuditCommands(cli);
  registerProjectionCommands(cli);
  return cli;
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty');
  return value;
}

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof ConfigError ? `configuration: ${error.message}` : String((error as Error)?.stack ?? error);
    process.stderr.write(`recourse: ${message}\n`);
    process.exit(1);
  });
