import type { TestApp } from './api';
import { evidenceInput, fileClaimInput } from './documents';

/** What the subscriptions' tests ask of every event: enough to compare with what was appended. */
export const EVENT_FIELDS = 'id type revision position recordedAt data actorId actorRole hash prevHash';

export const CLAIM_EVENTS = `subscription($claimId: ID, $types: [String!], $after: String) {
  claimEvents(claimId: $claimId, types: $types, afterPosition: $after) { ${EVENT_FIELDS} }
}`;

export const CLAIM_ESCALATED = `subscription($levels: [EscalationLevel!], $platformId: String, $after: String) {
  claimEscalated(levels: $levels, platformId: $platformId, afterPosition: $after) {
    claimId level reason body caseReference escalatedAt position
    claim { id escalationLevel revision claimantId platformId history { type } }
  }
}`;

/** A ClaimEvent as a subscriber receives it (EVENT_FIELDS). */
export interface HeardEvent {
  id: string;
  type: string;
  position: string;
  [field: string]: unknown;
}

/** An appended event as the mutation answered it. */
export interface Appended {
  id: string;
  type: string;
  position: string;
  claimId: string;
}

const PAYLOAD = `claim { id } events { id type position }`;

type Input = Record<string, unknown>;

/** Runs a claim mutation that must succeed; answers the events it appended. */
export async function act(app: TestApp, token: string, name: string, inputType: string, input: Input): Promise<Appended[]> {
  const document = `mutation($input: ${inputType}!) { ${name}(input: $input) { ${PAYLOAD} } }`;
  const answer = await app.gql(token, document, { input });
  if (answer.errors) throw new Error(`${name} failed: ${JSON.stringify(answer.errors)}`);
  const { claim, events } = answer.data![name];
  return events.map((event: Omit<Appended, 'claimId'>) => ({ ...event, claimId: claim.id }));
}

/** Claim steps that append exactly one event each. */
export const steps = {
  file: (app: TestApp, token: string, overrides: Record<string, unknown> = {}) =>
    act(app, token, 'fileClaim', 'FileClaimInput', fileClaimInput(overrides)),
  addEvidence: (app: TestApp, token: string, claimId: string) =>
    act(app, token, 'addEvidence', 'AddEvidenceInput', evidenceInput(claimId)),
  followUp: (app: TestApp, token: string, claimId: string) =>
    act(app, token, 'followUpClaim', 'FollowUpClaimInput', { claimId, message: '请尽快处理' }),
  escalate: (app: TestApp, token: string, claimId: string, level: string, extra: Record<string, unknown> = {}) =>
    act(app, token, 'escalateClaim', 'EscalateClaimInput', { claimId, level, reason: 'CLAIMANT_REQUEST', ...extra }),
};

/** A claim filed by `token`, then each of `then` in turn; every event appended, in order. */
export async function claimWith(app: TestApp, token: string, ...then: ((claimId: string) => Promise<Appended[]>)[]) {
  const filed = await steps.file(app, token);
  const events = [...filed];
  for (const step of then) events.push(...(await step(filed[0].claimId)));
  return { claimId: filed[0].claimId, events };
}

/** The event store's position now (the health endpoint's figure). */
export async function headPosition(app: TestApp): Promise<string> {
  const ready = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as { eventStorePosition: string };
  return ready.eventStorePosition;
}

/** Positions as numbers, for order checks. */
export const positions = (events: readonly { position: string }[]) => events.map((event) => Number(event.position));
