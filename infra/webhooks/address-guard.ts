import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import ipaddr from 'ipaddr.js';
import { WebhookError } from '../../services/webhooks/errors';
import type { WebhookUrlGuard } from '../../services/webhooks/webhook-service';

/** Resolves a host name to all its addresses (node's `dns.lookup` with `all: true`, by default). */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const lookupAll: ResolveAll = (hostname) => promisify(dnsLookup)(hostname, { all: true, verbatim: true });

/**
 * Whether a webhook may connect to `address`: public unicast only; loopback too when
 * `allowLoopback` (development and tests). Private, link-local, carrier-grade NAT, multicast,
 * reserved and unspecified addresses never; IPv4-mapped IPv6 counts as the IPv4 address it maps.
 */
export function isAllowedAddress(address: string, allowLoopback: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range === 'unicast' || (allowLoopback && range === 'loopback');
}

/** The literal IP address a URL's host is, or null when it is a name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? bare : null;
}

/** Checks a URL when a webhook is created: every address its host resolves to must be allowed. */
export function createUrlGuard(allowLoopback: boolean, resolve: ResolveAll = lookupAll): WebhookUrlGuard {
  return {
    async check(url) {
      const literal = literalAddress(url.hostname);
      const addresses = literal !== null ? [literal] : await resolvedAddresses(url.hostname, resolve);
      if (addresses.length === 0 || !addresses.every((address) => isAllowedAddress(address, allowLoopback))) {
        throw new WebhookError('WEBHOOK_URL_FORBIDDEN', { host: url.hostname });
      }
    },
  };
}

async function resolvedAddresses(hostname: string, resolve: ResolveAll): Promise<string[]> {
  try {
    return (await resolve(hostname)).map(({ address }) => address);
  } catch {
    throw new WebhookError('WEBHOOK_URL_INVALID', { host: hostname }, `the host ${hostname} does not resolve`);
  }
}

/**
 * A `lookup` for http.request that refuses disallowed addresses at connect time: the name is
 * resolved once and the connection goes to the address checked, so a DNS answer that changes
 * after the webhook was created (DNS rebinding) cannot reach an internal address.
 */
export function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter(({ address }) => isAllowedAddress(address, allowLoopback));
      if (allowed.length === 0) return callback(new ForbiddenAddressError(hostname), []);
      if ((options as { all?: boolean }).all) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

/** The receiver's host resolved only to addresses webhooks must not reach. */
export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
  constructor(host: string) {
    super(`${host} resolves to a private, loopback or link-local address`);
  }
}
