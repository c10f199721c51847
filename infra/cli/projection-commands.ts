import type { Command } from 'commander';

/** `recourse projections …`: where each read model stands, and rebuilding one without downtime. */
export function registerProjectionCommands(cli: Command): void {
  cli.command('projections').description('inspect and rebuild the read models');
}
