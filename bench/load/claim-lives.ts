import { EVIDENCE_TEXTS, PLATFORMS, PRODUCTS, incidentDescription } from '../claim-texts';
import type { BenchToken } from '../tokens';
import type { Random } from '../random';

const CLAIM_FIELDS = 'claim { id status revision evidence { kind } } position';

const FILE = `mutation($i: FileClaimInput!) { fileClaim(input: $i) { ${CLAIM_FIELDS} } }`;
const EVIDENCE = `mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { ${CLAIM_FIELDS} } }`;
const RESOLVE = `mutation($i: ResolveClaimInput!) { resolveClaim(input: $i) { ${CLAIM_FIELDS} } }`;

/** One mutation to send: who sends it and what. */
export interface Mutation {
  kind: 'fileClaim' | 'addEvidence' | 'resolveClaim';
  token: string;
  query: string;
  variables: Record<string, unknown>;
}

/** A claim in progress: its id, its claimant, and the next step of its life. */
interface Life {
  claimId: string;
  claimant: BenchToken;
  step: number;
}

/**
 * The realistic mix of the `commands` benchmark: each claim is filed by its claimant (with an
 * idempotency key, as a careful client sends it), gets a payment record and a screenshot, and is
 * resolved with a full refund by an agent — 1 filing : 2 evidence : 1 resolution. A claim's next
 * step is sent only after the previous one was answered; at any moment the next mutation continues
 * the claim that has waited longest, or files a new one when none is ready.
 */
export class ClaimLives {
  private readonly ready: Life[] = [];
  private filed = 0;

  constructor(
    private readonly random: Random,
    private readonly claimants: readonly BenchToken[],
    private readonly agents: readonly BenchToken[],
    private readonly runId: string,
  ) {}

  /** The next mutation, and what to call once it was answered. */
  next(): { mutation: Mutation; answered: () => void } {
    const life = this.ready.shift() ?? this.newLife();
    const mutation = this.mutationFor(life);
    const answered = () => {
      life.step += 1;
      if (life.step < 4) this.ready.push(life);
    };
    return { mutation, answered };
  }

  private newLife(): Life {
    const n = this.filed++;
    return { claimId: this.random.uuid(), claimant: this.claimants[n % this.claimants.length], step: 0 };
  }

  private mutationFor(life: Life): Mutation {
    switch (life.step) {
      case 0:
        return { kind: 'fileClaim', token: life.claimant.token, query: FILE, variables: { i: this.filing(life) } };
      case 1:
        return this.evidence(life, 'PAYMENT_RECORD');
      case 2:
        return this.evidence(life, 'SCREENSHOT');
      default: {
        const agent = this.random.pick(this.agents);
        const i = { claimId: life.claimId, remedy: { kind: 'FULL_REFUND' }, note: '核实掉线属实，全额退款' };
        return { kind: 'resolveClaim', token: agent.token, query: RESOLVE, variables: { i } };
      }
    }
  }

  private filing(life: Life): Record<string, unknown> {
    const { random } = this;
    const product = random.pick(PRODUCTS);
    const incidentAt = new Date(Date.now() - random.int(10, 600) * 60_000);
    return {
      claimId: life.claimId,
      idempotencyKey: `file-${life.claimId}`,
      platformId: random.pick(PLATFORMS),
      orderReference: `KM-${this.runId}-${random.hex(10).toUpperCase()}`,
      product,
      amountPaid: { amount: random.int(9, 399) * 100 - 10, currency: 'CNY' },
      paidAt: new Date(incidentAt.getTime() - random.int(1, 72) * 3_600_000).toISOString(),
      incidentAt: incidentAt.toISOString(),
      incidentMinutes: random.int(5, 600),
      description: incidentDescription(random, product),
      remedyRequested: { kind: 'FULL_REFUND' },
    };
  }

  private evidence(life: Life, kind: 'PAYMENT_RECORD' | 'SCREENSHOT'): Mutation {
    const i = { claimId: life.claimId, kind, description: this.random.pick(EVIDENCE_TEXTS[kind]), sha256: this.random.hex(64) };
    return { kind: 'addEvidence', token: life.claimant.token, query: EVIDENCE, variables: { i } };
  }
}
