import type { Actor, DeadlineKind, EscalationLevel, Remedy } from './claims';
import { DomainError } from './claims';
import type { ClaimService, CommandResult } from './claim-service';
import { ApplicationError } from './errors';
import { derivedId } from './idempotency';

/**
 * The commands Recourse issues itself, as the `system` actor: a missed deadline, an outage's
 * make-up, a collective case's fan-out. Each has a command id derived from what it is about, so a
 * repeat (a restart, a replay, a second worker) appends nothing: the claim stream already holds it.
 */
export const SYSTEM_ACTORS = {
  deadlines: { id: 'deadline-policy', role: 'system' },
  makeUp: { id: 'outage-make-up', role: 'system' },
  collective: { id: 'collective-cases', role: 'system' },
} as const satisfies Record<string, Actor>;

/** What a system command came to: appended, already there, or refused by a rule (with its code). */
export type SystemOutcome = { appended: boolean; result: CommandResult } | { refused: string };

/** Runs a system command; a rule's refusal is an outcome, not an error (the claim moved on meanwhile). */
async function attempt(run: () => Promise<CommandResult>): Promise<SystemOutcome> {
  try {
    const result = await run();
    return { appended: !result.replayed, result };
  } catch (error) {
    if (error instanceof DomainError || error instanceof ApplicationError) return { refused: error.code };
    throw error;
  }
}

/** Records deadline `kind` of round `round` as overdue (and the policy's escalation with it), once. */
export function markOverdue(claims: ClaimService, due: { claimId: string; kind: DeadlineKind; round: number; dueAt: string }) {
  const commandId = derivedId(`${due.claimId}:${due.round}:${due.kind}`, 'deadline-overdue');
  return attempt(() =>
    claims.handle({
      claimId: due.claimId,
      intent: { type: 'MarkResponseOverdue', data: { deadline: due.kind, dueAt: due.dueAt } },
      actor: SYSTEM_ACTORS.deadlines,
      commandId,
      correlationId: commandId,
    }),
  );
}

/** The outage facts a make-up needs, and the event (OutageEnded) that granted it. */
export interface GrantedMakeUp {
  outageId: string;
  platformId: string;
  product: string | null;
  startedAt: string;
  endedAt: string;
  extensionHours: number;
  grantedByEventId: string;
}

/** Makes up `claimId` for the outage, once per outage and claim. */
export function applyMakeUp(claims: ClaimService, makeUp: GrantedMakeUp, claimId: string) {
  const commandId = derivedId(`${makeUp.outageId}:${claimId}`, 'outage-make-up');
  const { grantedByEventId, ...data } = makeUp;
  return attempt(() =>
    claims.handle({
      claimId,
      intent: { type: 'ApplyOutageMakeUp', data },
      actor: SYSTEM_ACTORS.makeUp,
      commandId,
      correlationId: grantedByEventId,
      causationId: grantedByEventId,
    }),
  );
}

/** What a collective case's event asks of each member. */
export type MemberAction =
  | { type: 'EscalateClaim'; data: { level: EscalationLevel; body: string | null; caseReference: string | null } }
  | { type: 'ResolveClaim'; data: { remedy: Remedy; note: string | null } };

/** Applies a collective case event's action to one member, once per (case event, member). */
export function applyToMember(claims: ClaimService, caseEvent: { id: string; correlationId: string }, claimId: string, action: MemberAction) {
  const commandId = derivedId(`${caseEvent.id}:${claimId}`, 'collective-member');
  const intent =
    action.type === 'EscalateClaim'
      ? { type: action.type, data: { ...action.data, reason: 'COLLECTIVE_ACTION' as const } }
      : { type: action.type, data: action.data };
  return attempt(() =>
    claims.handle({
      claimId,
      intent,
      actor: SYSTEM_ACTORS.collective,
      commandId,
      correlationId: caseEvent.correlationId,
      causationId: caseEvent.id,
    }),
  );
}
