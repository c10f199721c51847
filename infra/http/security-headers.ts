import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers every answer carries. The API serves JSON only, so nothing may frame it, sniff it into
 * another type, load anything from it, or learn where its caller came from.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cache-control': 'no-store',
};

export function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

/** Methods and headers a browser on an allowed origin may use. */
const CORS_PREFLIGHT: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, x-request-id, apollo-require-preflight',
  'access-control-expose-headers': 'x-request-id, retry-after',
  'access-control-max-age': '600',
};

/**
 * CORS for the origins of `CORS_ORIGINS` only: an allowed origin is echoed back; any other gets no
 * CORS header, so browsers keep its pages from reading answers. Answers a preflight (OPTIONS) with
 * 204 and returns true; the caller then sends nothing more.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  response.setHeader('vary', 'origin');
  const permitted = typeof origin === 'string' && allowed.includes(origin);
  if (permitted) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', CORS_PREFLIGHT['access-control-expose-headers']);
  }
  if (request.method !== 'OPTIONS') return false;
  if (permitted) for (const [name, value] of Object.entries(CORS_PREFLIGHT)) response.setHeader(name, value);
  response.statusCode = permitted ? 204 : 403;
  response.end();
  return true;
}
