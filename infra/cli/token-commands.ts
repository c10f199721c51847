import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { TOKEN_ROLES, isTokenRole } from '../../services/tokens';
import { createToken, formatTokens, revokeTokenById, tokensOf } from './token';

/** `recourse token create|list|revoke`: each works whether or not the server runs. */
export function registerTokenCommands(cli: Command): void {
  const token = cli.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create a token and print it (only it) on stdout; works whether or not the server runs')
    .addOption(new Option('--role <role>', 'the role the token acts in').choices([...TOKEN_ROLES]).makeOptionMandatory())
    .requiredOption('--subject <id>', 'who the token speaks for (a claimant id, an agent id, …)', nonEmpty)
    .option('--expires-in-days <days>', 'days until the token stops working (default: TOKEN_TTL_DAYS, 90)', positiveInteger)
    .action(async (options: { role: string; subject: string; expiresInDays?: number }) => {
      if (!isTokenRole(options.role)) throw new InvalidArgumentError(`unknown role ${options.role}`);
      const config = loadConfig();
      const logger = createLogger(config.logLevel, 'stderr');
      process.stdout.write(`${await createToken(config, logger, options.role, options.subject, options.expiresInDays)}\n`);
    });
  token
    .command('list')
    .description('list every token issued (id, role, subject, state, expiry, last use); never the tokens themselves')
    .option('--json', 'one JSON object per line')
    .action(async (options: { json?: boolean }) => {
      const tokens = await tokensOf(loadConfig());
      const text = options.json ? tokens.map((summary) => JSON.stringify(summary)).join('\n') : formatTokens(tokens, new Date());
      if (text !== '') process.stdout.write(`${text}\n`);
    });
  token
    .command('revoke')
    .description('revoke a token by its id: it stops working at once, also on open WebSocket connections')
    .argument('<tokenId>', 'the id `token list` shows')
    .action(async (tokenId: string) => {
      const config = loadConfig();
      const revoked = await revokeTokenById(config, createLogger(config.logLevel, 'stderr'), tokenId);
      process.stdout.write(revoked ? `revoked ${tokenId}\n` : `${tokenId} was already revoked\n`);
    });
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty');
  return value;
}

function positiveInteger(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new InvalidArgumentError('must be a whole number of days from 1 to 3650');
  return days;
}
