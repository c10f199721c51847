import { codes, type GraphQLAnswer, type TestApp } from './api';
import { evidenceInput, fileClaimInput, mutation, type MutationName } from './documents';
import { IDENTITIES, type Tokens } from './matrix-roles';

/** The states a claim is prepared in, so that the command under test is one the rules accept. */
export type Stage = 'filed' | 'paymentRecordOnFile' | 'rejected' | 'rejectedWithNewEvidence' | 'resolved';

/** What a refusal must leave untouched: the read model's revision and status, and the stream itself. */
export interface ClaimSnapshot {
  revision: number;
  status: string;
  eventCount: number;
}

const SNAPSHOT_QUERY = `query($id: ID!) { claim(id: $id) { revision status history { revision } } }`;

/**
 * Prepares claims owned by the matrix's `owner` in a given stage, through the API itself (the
 * owner files and adds evidence, the agent rejects and resolves), and reads them back.
 */
export class ClaimPreparer {
  constructor(
    private readonly app: TestApp,
    private readonly tokens: Tokens,
  ) {}

  /** A fresh claim of the owner in `stage`; `overrides` change the filing (e.g. the platform). */
  async prepare(stage: Stage, overrides: Record<string, unknown> = {}): Promise<string> {
    const filed = await this.run('owner', 'fileClaim', fileClaimInput(overrides));
    const claimId = filed.claim.id as string;
    for (const [caller, name, input] of stepsTo(stage, claimId)) await this.run(caller, name, input);
    return claimId;
  }

  /** The claim as the agent sees it: read model revision and status, and the stream's length. */
  async snapshot(claimId: string): Promise<ClaimSnapshot> {
    const answer = await this.app.gql(this.tokens.agent, SNAPSHOT_QUERY, { id: claimId });
    const claim = answer.data!.claim as { revision: number; status: string; history: unknown[] };
    return { revision: claim.revision, status: claim.status, eventCount: claim.history.length };
  }

  /** Runs a preparation step, failing loudly if the rules refuse it (the test would mean nothing). */
  private async run(caller: 'owner' | 'agent', name: MutationName, input: Record<string, unknown>) {
    const answer: GraphQLAnswer = await this.app.gql(this.tokens[caller], mutation(name), { input });
    if (answer.errors) throw new Error(`preparing a claim: ${name} by ${caller} answered ${codes(answer).join(', ')}`);
    return answer.data![name];
  }
}

type Step = readonly ['owner' | 'agent', MutationName, Record<string, unknown>];

/** The commands after filing that bring a claim to `stage`. */
function stepsTo(stage: Stage, claimId: string): Step[] {
  const paymentRecord: Step = ['owner', 'addEvidence', evidenceInput(claimId)];
  const reject: Step = ['agent', 'rejectClaim', { claimId, reason: 'INSUFFICIENT_EVIDENCE', explanation: '缺少付款记录' }];
  switch (stage) {
    case 'filed':
      return [];
    case 'paymentRecordOnFile':
      return [paymentRecord];
    case 'rejected':
      return [reject];
    case 'rejectedWithNewEvidence':
      return [reject, paymentRecord];
    case 'resolved':
      return [paymentRecord, ['agent', 'resolveClaim', { claimId, remedy: { kind: 'FULL_REFUND' } }]];
  }
}

/** The actor id an allowed command records for a matrix caller. */
export function subjectOf(caller: keyof typeof IDENTITIES): string {
  return IDENTITIES[caller].subject;
}
