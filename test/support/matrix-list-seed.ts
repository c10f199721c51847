import { codes, type TestApp } from './api';
import { evidenceInput, fileClaimInput, mutation, type MutationName } from './documents';
import type { ListedClaim } from './matrix-list';

/** The people who fill the list: two buyers, an agent and a supervisor. */
export interface ListCast {
  buyerA: string;
  buyerB: string;
  agent: string;
  supervisor: string;
}

/** Who the cast are (the ids the list's claimantId and assignedTo show). */
export const LIST_SUBJECTS = { buyerA: 'buyer-a-chen', buyerB: 'buyer-b-wu', agent: 'agent-wang', supervisor: 'supervisor-liu' };
/** The seeded claims alternate between these platforms. */
export const PLATFORMS = ['kameng-shop', 'taobao-card'] as const;

const HOUR = 3_600_000;

/** One token per member of the cast. */
export async function issueListCast(app: TestApp): Promise<ListCast> {
  const [buyerA, buyerB, agent, supervisor] = await Promise.all([
    app.token('claimant', LIST_SUBJECTS.buyerA),
    app.token('claimant', LIST_SUBJECTS.buyerB),
    app.token('agent', LIST_SUBJECTS.agent),
    app.token('supervisor', LIST_SUBJECTS.supervisor),
  ]);
  return { buyerA, buyerB, agent, supervisor };
}

type Step = readonly [keyof ListCast | 'claimant', MutationName, (claimId: string) => Record<string, unknown>];

/**
 * What happens to claim number `n` after filing, cycling through six fates so that every filter
 * value occurs several times: untouched, assigned, rejected, withdrawn, escalated, assigned to
 * another agent and escalated further.
 */
function fateOf(n: number): Step[] {
  const assignTo = (agentId: string): Step => ['supervisor', 'assignClaim', (claimId) => ({ claimId, agentId })];
  const escalate = (level: string): Step => [
    'supervisor',
    'escalateClaim',
    (claimId) => ({ claimId, level, reason: 'AGENT_DECISION' }),
  ];
  const fates: Step[][] = [
    [],
    [assignTo(LIST_SUBJECTS.agent)],
    [['agent', 'rejectClaim', (claimId) => ({ claimId, reason: 'INSUFFICIENT_EVIDENCE', explanation: '证据不足' })]],
    [['claimant', 'withdrawClaim', (claimId) => ({ claimId, reason: '已自行解决' })]],
    [escalate('PLATFORM_MANAGEMENT')],
    [assignTo('agent-zhao'), escalate('CONSUMER_ASSOCIATION')],
  ];
  return fates[n % fates.length];
}

/**
 * Files `count` claims at once (so some may share a millisecond, which the id tie-break orders),
 * varied by claimant, platform, lateness and fate; answers each claim as its last mutation showed it.
 */
export async function seedListClaims(app: TestApp, cast: ListCast, count: number): Promise<ListedClaim[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const claimant = n % 3 === 0 ? 'buyerB' : 'buyerA';
      // More than the 24-hour filing window after the incident: filed late.
      const incidentAt = new Date(Date.now() - (n % 5 === 0 ? 30 : 1) * HOUR);
      const filing = fileClaimInput({
        platformId: PLATFORMS[n % 2],
        incidentAt: incidentAt.toISOString(),
        paidAt: new Date(incidentAt.getTime() - HOUR).toISOString(),
      });
      let claim = await run(app, cast[claimant], 'fileClaim', filing);
      for (const [who, name, input] of fateOf(n)) {
        claim = await run(app, cast[who === 'claimant' ? claimant : who], name, input(claim.id));
      }
      return claim;
    }),
  );
}

/** Files `count` claims of `buyerA` on `platformId`, each with `evidencePerClaim` pieces of evidence. */
export async function seedClaimsWithEvidence(
  app: TestApp,
  token: string,
  options: { count: number; evidencePerClaim: number; platformId: string },
): Promise<void> {
  await Promise.all(
    Array.from({ length: options.count }, async () => {
      const claim = await run(app, token, 'fileClaim', fileClaimInput({ platformId: options.platformId }));
      for (let k = 0; k < options.evidencePerClaim; k++) {
        await run(app, token, 'addEvidence', evidenceInput(claim.id, { kind: k === 0 ? 'PAYMENT_RECORD' : 'SCREENSHOT' }));
      }
    }),
  );
}

async function run(app: TestApp, token: string, name: MutationName, input: Record<string, unknown>): Promise<ListedClaim> {
  const answer = await app.gql(token, mutation(name), { input });
  if (answer.errors) throw new Error(`seeding the list: ${name} answered ${codes(answer).join(', ')}`);
  const { id, claimantId, platformId, status, escalationLevel, assignedTo, filedLate, filedAt } = answer.data![name].claim;
  return { id, claimantId, platformId, status, escalationLevel, assignedTo, filedLate, filedAt };
}
