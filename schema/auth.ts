import type { Principal } from '../services/tokens';
import type { Context } from './context';
import { unauthenticated } from './errors';

/** Every operation needs a caller; what each role may do is the domain's rule, not the API's. */
export function requirePrincipal(ctx: Context): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}
