import type { Command } from 'commander';

/** `recourse audit …`: verify the hash chains, export the record for offline verification. */
export function registerAuditCommands(cli: Command): void {
  cli.command('audit').description('verify and export the tamper-evident record (see README, "Auditing")');
}
