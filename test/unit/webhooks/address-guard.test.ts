import { createUrlGuard, isAllowedAddress } from '../../../infra/webhooks/address-guard';
import { WebhookError } from '../../../services/webhooks/errors';

describe('which addresses webhooks may reach', () => {
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(isAllowedAddress(address, false)).toBe(true);
  });

  it.each([
    '127.0.0.1', '127.12.0.1', '::1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '::', '224.0.0.1', '255.255.255.255', '240.0.0.1', 'fe80::1', 'fc00::1', 'fd12:3456::1',
    '::ffff:127.0.0.1', '::ffff:192.168.1.1', 'not-an-address',
  ])('refuses %s', (address) => {
    expect(isAllowedAddress(address, false)).toBe(false);
  });

  it('allows loopback, and only loopback, when told to', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every((address) => isAllowedAddress(address, true))).toBe(true);
    expect(['10.0.0.1', '192.168.0.1', '169.254.169.254', 'fe80::1'].some((address) => isAllowedAddress(address, true))).toBe(false);
  });

  it('refuses a name when any of its addresses is not allowed', async () => {
    const guard = createUrlGuard(false, async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }]);
    await expect(guard.check(new URL('https://mixed.example/hook'))).rejects.toMatchObject({ code: 'WEBHOOK_URL_FORBIDDEN' });
  });

  it('accepts a name whose addresses are all public', async () => {
    const guard = createUrlGuard(false, async () => [{ address: '93.184.216.34', family: 4 }]);
    await expect(guard.check(new URL('https://public.example/hook'))).resolves.toBeUndefined();
  });

  it('says WEBHOOK_URL_INVALID for a name that does not resolve', async () => {
    const guard = createUrlGuard(false, async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    });
    const refusal = await guard.check(new URL('https://nowhere.invalid/hook')).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WebhookError);
    expect(refusal).toMatchObject({ code: 'WEBHOOK_URL_INVALID' });
  });
});
