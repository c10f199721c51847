import type { MikroORM } from '@mikro-orm/core';
import { findDueDeadlines } from '../../projections/claim-summary/deadline-queries';
import { findClaimsToMakeUp, findOutagesWithMakeUp } from '../../projections/outages/queries';
import type { ClaimService } from '../../services/claim-service';
import { applyMakeUp, markOverdue, type SystemOutcome } from '../../services/system-actions';
import type { Logger } from '../logger';

/** Claims handled per worker and tick; the rest wait for the next tick. */
const BATCH = 200;

export interface PolicyWorkerDeps {
  claims: ClaimService;
  orm: MikroORM;
  /** Injected so that tests move time forward without sleeping. */
  clock: () => Date;
  logger: Logger;
}

/** What one tick did: commands that appended, and ones already done or refused by a rule. */
export interface TickReport {
  appended: number;
  skipped: number;
}

/**
 * The deadline processor: finds passed deadlines in the claim summary and records each as overdue
 * (with the policy's escalation) as the system. The claim's own clock has the last word, and the
 * command id is derived from (claim, round, deadline): a restart, a replay, a stale read model or a
 * second processor appends nothing more.
 */
export async function processDeadlines(deps: PolicyWorkerDeps): Promise<TickReport> {
  const due = await findDueDeadlines(deps.orm.em.fork(), deps.clock().toISOString(), BATCH);
  const outcomes: SystemOutcome[] = [];
  for (const deadline of due) outcomes.push(await markOverdue(deps.claims, deadline));
  return report(outcomes, deps.logger, 'deadline');
}

/**
 * The outage compensator: for every outage that earned a make-up, resolves each open claim whose
 * incident falls inside it, once per (outage, claim), caused by the OutageEnded event. Claims filed
 * later into a compensated outage are found on a later tick.
 */
export async function compensateOutages(deps: PolicyWorkerDeps): Promise<TickReport> {
  const em = deps.orm.em.fork();
  const outcomes: SystemOutcome[] = [];
  for (const outage of await findOutagesWithMakeUp(em)) {
    const makeUp = {
      outageId: outage.id,
      platformId: outage.platformId,
      product: outage.product,
      startedAt: outage.startedAt,
      endedAt: outage.endedAt!,
      extensionHours: outage.makeUpExtensionHours!,
      grantedByEventId: outage.makeUpEventId!,
    };
    for (const claim of await findClaimsToMakeUp(em, outage, BATCH)) outcomes.push(await applyMakeUp(deps.claims, makeUp, claim.id));
  }
  return report(outcomes, deps.logger, 'make-up');
}

function report(outcomes: SystemOutcome[], logger: Logger, what: string): TickReport {
  const appended = outcomes.filter((outcome) => 'appended' in outcome && outcome.appended).length;
  const refused = outcomes.filter((outcome): outcome is { refused: string } => 'refused' in outcome);
  // A refusal means the claim moved on since the read model saw it: the next tick sees it as it is.
  if (refused.length > 0) logger.debug({ what, refused: refused.map((outcome) => outcome.refused) }, 'system commands refused');
  return { appended, skipped: outcomes.length - appended };
}
