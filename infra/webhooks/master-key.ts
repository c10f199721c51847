import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { WebhookSettings } from '../config';

/**
 * The master key webhook secrets are derived from: `WEBHOOK_SECRETS_KEY`, or else the key file in
 * the data directory, made (mode 0600) on first use. Two processes starting at once agree: the
 * file is created exclusively and the loser reads the winner's.
 */
export function loadWebhookMasterKey(settings: Pick<WebhookSettings, 'secretsKey' | 'secretsKeyPath'>): Buffer {
  if (settings.secretsKey !== null) return Buffer.from(settings.secretsKey, 'base64');
  try {
    writeFileSync(settings.secretsKeyPath, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(settings.secretsKeyPath, 'utf8').trim(), 'base64');
  if (key.length < 32) throw new Error(`${settings.secretsKeyPath} does not hold a base64 key of at least 32 bytes`);
  return key;
}
