import { createHmac, hkdfSync } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { SigningSecrets } from '../../services/webhooks/webhook-service';

const SECRET_PREFIX = 'whsec_';
const HKDF_INFO = 'recourse webhook signing secret v1';

/**
 * Signing secrets derived from one master key (HKDF-SHA256, salted with the webhook id): nothing
 * secret is stored per webhook, and every process with the same key signs the same way.
 */
export function derivedSigningSecrets(masterKey: Buffer): SigningSecrets {
  if (masterKey.length < 32) throw new RangeError('the webhook master key must have at least 32 bytes');
  return {
    secretFor(webhookId) {
      const bytes = Buffer.from(hkdfSync('sha256', masterKey, webhookId.toLowerCase(), HKDF_INFO, 32));
      return SECRET_PREFIX + bytes.toString('base64');
    },
  };
}

/** The Standard Webhooks headers of one attempt to send `body` as message `id`. */
export function signedHeaders(secret: string, id: string, body: string, at: Date): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

/**
 * The spec's signature by hand (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the
 * base64 part of `whsec_…`): what a receiver without a library computes. Used to cross-check.
 */
export function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
