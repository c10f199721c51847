import { randomUUID } from 'node:crypto';
import { TestApp, codes, type GraphQLAnswer } from '../support/api';
import { fileClaimInput, mutation, type MutationName } from '../support/documents';
import { ClaimPreparer, subjectOf, type ClaimSnapshot } from '../support/matrix-claims';
import { CALLER_NOUNS, IDENTITIES, issueTokens, type Caller, type TokenCaller, type Tokens } from '../support/matrix-roles';
import { commandCells, fileCells, readCells, type CommandSpec, type ReadOutcome } from '../support/matrix-table';
import { expectTimeTravelToMatchEveryClaim } from '../support/time-travel';
import { closeOf, connect, wsGql } from '../support/ws';

/**
 * DESIGN.md's "Who may do what", cell by cell, over real HTTP. Every cell acts on a claim freshly
 * prepared in a state the rules accept, so an allowed cell must succeed and a refused one can only
 * be refused for who the caller is; a refusal must leave the claim exactly as it was.
 */
describe('who may do what, over HTTP', () => {
  let app: TestApp;
  let tokens: Tokens;
  let claims: ClaimPreparer;

  beforeAll(async () => {
    app = await TestApp.start();
    tokens = await issueTokens(app);
    claims = new ClaimPreparer(app, tokens);
  });
  afterAll(() => app.stop(true));

  const send = (caller: Caller, name: MutationName, input: Record<string, unknown>) =>
    app.gql(tokens[caller], mutation(name), { input });

  /** The command was recorded once, by this caller, and the answer shows the claim after it. */
  function expectRecorded(answer: GraphQLAnswer, command: CommandSpec, caller: TokenCaller, before: ClaimSnapshot) {
    expect(answer.errors).toBeUndefined();
    const payload = answer.data![command.mutation];
    expect(payload.events.map((event: any) => [event.type, event.actorId, event.actorRole])).toEqual([
      [command.event, subjectOf(caller), IDENTITIES[caller].role],
    ]);
    expect(payload.claim.revision).toBe(before.revision + 1);
  }

  describe('commands on the owner’s claim', () => {
    it.each(commandCells())('$name', async ({ caller, command, outcome }) => {
      const claimId = await claims.prepare(command.stage);
      const before = await claims.snapshot(claimId);

      const answer = await send(caller, command.mutation, command.input(claimId));

      if (outcome === 'allowed') {
        expectRecorded(answer, command, caller as TokenCaller, before);
      } else {
        expect(codes(answer)).toEqual([outcome]);
        expect(await claims.snapshot(claimId)).toEqual(before);
      }
    });
  });

  describe('commands on the owner’s claim, over WebSocket', () => {
    /** The same cell over graphql-ws; a caller without a token cannot even connect (4401). */
    it.each(commandCells())('$name', async ({ caller, command, outcome }) => {
      const claimId = await claims.prepare(command.stage);
      const before = await claims.snapshot(claimId);
      if (caller === 'anonymous') {
        expect((await closeOf(app, {})).code).toBe(4401);
        return expect(await claims.snapshot(claimId)).toEqual(before);
      }
      const client = connect(app, tokens[caller]!);
      try {
        const answer = await wsGql(client, mutation(command.mutation), { input: command.input(claimId) });
        if (outcome === 'allowed') return expectRecorded(answer, command, caller as TokenCaller, before);
        expect(codes(answer)).toEqual([outcome]);
        expect(await claims.snapshot(claimId)).toEqual(before);
      } finally {
        await client.dispose();
      }
    });
  });

  describe('filing', () => {
    it.each(fileCells())('$name', async ({ caller, outcome, claimantId, filedFor }) => {
      const input = fileClaimInput({ claimId: randomUUID(), claimantId });

      const answer = await send(caller, 'fileClaim', input);

      if (outcome === 'allowed') {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.fileClaim.claim).toMatchObject({ id: input.claimId, claimantId: filedFor, revision: 0 });
        expect(answer.data!.fileClaim.events[0].actorId).toBe(subjectOf(caller as TokenCaller));
      } else {
        expect(codes(answer)).toEqual([outcome]);
        await expectNothingFiled(input);
      }
    });
  });

  /** Neither the claim id nor the order was taken: the owner can file exactly the same claim now. */
  async function expectNothingFiled(input: Record<string, unknown>) {
    const { claimantId: _refusedFor, ...own } = input;
    const answer = await send('owner', 'fileClaim', own);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.fileClaim.claim).toMatchObject({ id: input.claimId, revision: 0 });
  }

  /** No token: UNAUTHENTICATED; otherwise no error, and what `check` expects of the data. */
  function expectRead(answer: GraphQLAnswer, outcome: ReadOutcome, check: () => void) {
    if (outcome === 'UNAUTHENTICATED') {
      expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
      return;
    }
    expect(answer.errors).toBeUndefined();
    check();
  }

  describe('reading the owner’s claim', () => {
    const platformId = `matrix-reads-${randomUUID().slice(0, 8)}`;
    let claimId: string;

    beforeAll(async () => {
      claimId = await claims.prepare('paymentRecordOnFile', { platformId });
    });

    it.each(readCells('read the claim by id'))('$name', async ({ caller, outcome }) => {
      const answer = await app.gql(tokens[caller], 'query($id: ID!) { claim(id: $id) { id } }', { id: claimId });
      expectRead(answer, outcome, () => expect(answer.data!.claim).toEqual(outcome === 'sees' ? { id: claimId } : null));
    });

    it.each(readCells('find the claim in the list'))('$name', async ({ caller, outcome }) => {
      const query = 'query($filter: ClaimFilter) { claims(filter: $filter, first: 100) { totalCount edges { node { id } } } }';
      const answer = await app.gql(tokens[caller], query, { filter: { platformId } });
      expectRead(answer, outcome, () => {
        const expected = outcome === 'sees' ? [claimId] : [];
        expect(answer.data!.claims.edges.map((edge: any) => edge.node.id)).toEqual(expected);
        expect(answer.data!.claims.totalCount).toBe(expected.length);
      });
    });

    it.each(readCells("read the claim's history"))('$name', async ({ caller, outcome }) => {
      const query = 'query($id: ID!) { claim(id: $id) { history { type actorId } } }';
      const answer = await app.gql(tokens[caller], query, { id: claimId });
      const owner = subjectOf('owner');
      const history = [{ type: 'ClaimFiled', actorId: owner }, { type: 'EvidenceAdded', actorId: owner }];
      expectRead(answer, outcome, () => expect(answer.data!.claim).toEqual(outcome === 'sees' ? { history } : null));
    });

    it("shows another claimant none of the owner's claims, whatever filter they send", async () => {
      const query = `query($filter: ClaimFilter) {
        claims(filter: $filter, first: 100) { totalCount edges { node { claimantId } } }
      }`;
      await send('otherClaimant', 'fileClaim', fileClaimInput());
      const owner = subjectOf('owner');
      for (const filter of [{ claimantId: owner }, { claimantId: owner, platformId }, { platformId }]) {
        const answer = await app.gql(tokens.otherClaimant, query, { filter });
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.claims).toEqual({ totalCount: 0, edges: [] });
      }
      const everyStatus = await app.gql(tokens.otherClaimant, query, { filter: { status: ['FILED', 'REJECTED', 'CLOSED'] } });
      const claimants = everyStatus.data!.claims.edges.map((edge: any) => edge.node.claimantId);
      expect(claimants.length).toBeGreaterThan(0);
      expect(new Set(claimants)).toEqual(new Set([subjectOf('otherClaimant')]));
    });
  });

  describe('the finer limits inside a role', () => {
    /** Sends the command and expects `code`, with the claim left exactly as it was. */
    async function refused(caller: Caller, name: MutationName, input: Record<string, unknown>, code: string) {
      const before = await claims.snapshot(input.claimId as string);
      expect(codes(await send(caller, name, input))).toEqual([code]);
      expect(await claims.snapshot(input.claimId as string)).toEqual(before);
    }

    it('lets an agent assign a claim only to themself (ASSIGN_ONLY_SELF otherwise)', async () => {
      const claimId = await claims.prepare('filed');
      await refused('agent', 'assignClaim', { claimId, agentId: 'agent-zhao' }, 'ASSIGN_ONLY_SELF');
      const own = await send('agent', 'assignClaim', { claimId, agentId: subjectOf('agent') });
      expect(own.data!.assignClaim.claim.assignedTo).toBe(subjectOf('agent'));
    });

    it('lets a supervisor assign a claim to any agent, and reassign it', async () => {
      const claimId = await claims.prepare('filed');
      for (const agentId of ['agent-zhao', subjectOf('agent'), subjectOf('supervisor')]) {
        const answer = await send('supervisor', 'assignClaim', { claimId, agentId });
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.assignClaim.claim.assignedTo).toBe(agentId);
      }
    });

    it('refuses a claimant filing for someone else (FORBIDDEN) and records nothing', async () => {
      const input = fileClaimInput({ claimId: randomUUID(), claimantId: subjectOf('otherClaimant') });
      expect(codes(await send('owner', 'fileClaim', input))).toEqual(['FORBIDDEN']);
      await expectNothingFiled(input);
    });

    it('lets a claimant name themself as the claimant', async () => {
      const answer = await send('owner', 'fileClaim', fileClaimInput({ claimantId: subjectOf('owner') }));
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.fileClaim.claim.claimantId).toBe(subjectOf('owner'));
    });

    it.each([{ caller: 'agent', who: 'an agent' }, { caller: 'supervisor', who: 'a supervisor' }] as const)(
      'refuses $who filing on a claimant’s behalf without naming the claimant (CLAIMANT_REQUIRED) and records nothing',
      async ({ caller }) => {
        const input = fileClaimInput({ claimId: randomUUID() });
        expect(codes(await send(caller, 'fileClaim', input))).toEqual(['CLAIMANT_REQUIRED']);
        await expectNothingFiled(input);
      },
    );

    it('shows a claim filed on a claimant’s behalf to that claimant and to no other', async () => {
      const filed = await send('agent', 'fileClaim', fileClaimInput({ claimantId: subjectOf('owner') }));
      const id = filed.data!.fileClaim.claim.id;
      const query = 'query($id: ID!) { claim(id: $id) { claimantId } }';
      expect((await app.gql(tokens.owner, query, { id })).data!.claim).toEqual({ claimantId: subjectOf('owner') });
      expect((await app.gql(tokens.otherClaimant, query, { id })).data!.claim).toBeNull();
    });

    const escalations = [
      { caller: 'owner', reason: 'CLAIMANT_REQUEST', stage: 'filed', outcome: 'allowed' },
      { caller: 'owner', reason: 'REJECTION_DISPUTED', stage: 'rejected', outcome: 'allowed' },
      { caller: 'owner', reason: 'AGENT_DECISION', stage: 'filed', outcome: 'ESCALATION_REASON_NOT_ALLOWED' },
      { caller: 'owner', reason: 'RESPONSE_OVERDUE', stage: 'filed', outcome: 'ESCALATION_REASON_NOT_ALLOWED' },
      { caller: 'agent', reason: 'AGENT_DECISION', stage: 'filed', outcome: 'allowed' },
      { caller: 'supervisor', reason: 'RESPONSE_OVERDUE', stage: 'filed', outcome: 'ESCALATION_REASON_NOT_ALLOWED' },
    ] as const;
    const escalationCells = escalations.map((cell) => ({
      ...cell,
      name: `${CALLER_NOUNS[cell.caller]} escalating with ${cell.reason} on a ${cell.stage} claim is ${
        cell.outcome === 'allowed' ? 'accepted' : `refused (${cell.outcome})`
      }`,
    }));

    it.each(escalationCells)('$name', async ({ caller, reason, stage, outcome }) => {
      const claimId = await claims.prepare(stage);
      const input = { claimId, level: 'CONSUMER_ASSOCIATION', reason, body: '12315 消费者协会' };
      if (outcome !== 'allowed') return refused(caller, 'escalateClaim', input, outcome);
      const answer = await send(caller, 'escalateClaim', input);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.escalateClaim.claim.escalationLevel).toBe('CONSUMER_ASSOCIATION');
    });

    it('answers another claimant NOT_FOUND, never CONFLICT, so a stale revision reveals nothing', async () => {
      const claimId = await claims.prepare('filed');
      const input = { claimId, message: '在吗？', expectedRevision: 7 };
      await refused('otherClaimant', 'followUpClaim', input, 'NOT_FOUND');
      await refused('owner', 'followUpClaim', input, 'CONFLICT');
    });

    it('answers another claimant’s claim exactly as a claim that does not exist', async () => {
      const claimId = await claims.prepare('filed');
      const theirs = await send('otherClaimant', 'followUpClaim', { claimId, message: '在吗？' });
      const missing = await send('otherClaimant', 'followUpClaim', { claimId: randomUUID(), message: '在吗？' });
      expect(theirs.errors!.map(({ message, extensions }) => ({ message, extensions }))).toEqual(
        missing.errors!.map(({ message, extensions }) => ({ message, extensions })),
      );
      expect(codes(theirs)).toEqual(['NOT_FOUND']);
    });
  });

  it('answers another claimant reading 1,000 random claim ids, some of them the owner’s, exactly as for ids that do not exist', async () => {
    const owned = await Promise.all(Array.from({ length: 10 }, () => claims.prepare('filed')));
    const ids = [...owned, ...Array.from({ length: 990 }, () => randomUUID())].sort();
    const query = `query($id: ID!) {
      claim(id: $id) { id } claimAsOf(id: $id) { id }
      history: claimHistory(id: $id) { type } verify: verifyClaim(id: $id) { valid }
    }`;
    const answers = new Set<string>();
    for (let i = 0; i < ids.length; i += 50) {
      const batch = await Promise.all(ids.slice(i, i + 50).map((id) => app.gql(tokens.otherClaimant, query, { id })));
      for (const answer of batch) answers.add(JSON.stringify({ data: answer.data, codes: codes(answer), messages: answer.errors?.map((e) => e.message) }));
    }
    expect([...answers]).toHaveLength(1);
    const only = JSON.parse([...answers][0]) as { data: unknown; codes: string[] };
    expect(only.data).toBeNull();
    expect(only.codes.length).toBeGreaterThan(0);
    expect(new Set(only.codes)).toEqual(new Set(['NOT_FOUND']));
  });

  it('answers claimAsOf at the latest revision exactly as claim, for every claim it holds', async () => {
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBeGreaterThan(0);
  });
});
