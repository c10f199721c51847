import http from 'node:http';
import https from 'node:https';
import { ForbiddenAddressError, guardedLookup, isAllowedAddress, literalAddress } from './address-guard';

/** How one attempt ended: the receiver's status, or why there was none. */
export type PostOutcome = { ok: boolean; statusCode: number; error: string | null } | { ok: false; statusCode: null; error: string };

export interface PostOptions {
  timeoutMs: number;
  allowLoopback: boolean;
}

/** POSTs a signed JSON body; a 2xx answer is a delivery, anything else (redirects too) a failure. */
export type PostWebhook = (url: string, headers: Record<string, string>, body: string, options: PostOptions) => Promise<PostOutcome>;

const MAX_ERROR_LENGTH = 500;

/**
 * One delivery attempt over node's http(s), connecting only to allowed addresses (checked again
 * at connect time, see `guardedLookup`), giving up after `timeoutMs` in all. The answer's body
 * is read and dropped; redirects are not followed.
 */
export const postWebhook: PostWebhook = (url, headers, body, options) => {
  const target = new URL(url);
  const literal = literalAddress(target.hostname);
  if (literal !== null && !isAllowedAddress(literal, options.allowLoopback)) {
    return Promise.resolve(failure(new ForbiddenAddressError(target.hostname).message));
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Recourse-Webhooks/1', ...headers, 'content-length': Buffer.byteLength(body) },
      lookup: guardedLookup(options.allowLoopback),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(answered(response.statusCode ?? 0)));
      // The status line came; a body cut short (timeout, reset) does not change the answer.
      response.on('close', () => resolve(answered(response.statusCode ?? 0)));
      response.on('error', (error) => resolve(failure(describe(error, options.timeoutMs))));
    });
    request.on('error', (error) => resolve(failure(describe(error, options.timeoutMs))));
    request.end(body);
  });
};

function answered(statusCode: number): PostOutcome {
  const ok = statusCode >= 200 && statusCode < 300;
  return { ok, statusCode, error: ok ? null : `the receiver answered HTTP ${statusCode}` };
}

function failure(error: string): PostOutcome {
  return { ok: false, statusCode: null, error: error.slice(0, MAX_ERROR_LENGTH) };
}

function describe(error: Error, timeoutMs: number): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${error.message} (${code})` : error.message;
}
