import { Webhook as StandardWebhook } from 'standardwebhooks';
import { derivedSigningSecrets, expectedSignature, signedHeaders } from '../../../infra/webhooks/signing';

const KEY = Buffer.alloc(32, 7);
const WEBHOOK = '6f1c1d7e-1c1e-4d3a-9a55-0d2b8c6f4e21';

describe('webhook signing', () => {
  it('derives the same whsec_ secret for a webhook every time, and another one for another webhook or key', () => {
    const secrets = derivedSigningSecrets(KEY);
    expect(secrets.secretFor(WEBHOOK)).toBe(derivedSigningSecrets(Buffer.from(KEY)).secretFor(WEBHOOK.toUpperCase()));
    expect(secrets.secretFor(WEBHOOK)).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secrets.secretFor(WEBHOOK)).not.toBe(secrets.secretFor('0b9e5a52-3f6e-4f4e-8d3c-6f0f1c2a7b10'));
    expect(secrets.secretFor(WEBHOOK)).not.toBe(derivedSigningSecrets(Buffer.alloc(32, 8)).secretFor(WEBHOOK));
  });

  it('refuses a master key shorter than 32 bytes', () => {
    expect(() => derivedSigningSecrets(Buffer.alloc(16))).toThrow(RangeError);
  });

  it('signs "id.timestamp.body" as the Standard Webhooks library verifies it, and as the spec computes it by hand', () => {
    const secret = derivedSigningSecrets(KEY).secretFor(WEBHOOK);
    const body = JSON.stringify({ type: 'ClaimEscalated', data: { claimId: 'c-1', note: '升级到消费者协会 12315' } });
    const headers = signedHeaders(secret, 'delivery-1', body, new Date());
    expect(() => new StandardWebhook(secret).verify(body, headers)).not.toThrow();
    expect(headers['webhook-signature']).toBe(expectedSignature(secret, 'delivery-1', headers['webhook-timestamp'], body));
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
  });
});
