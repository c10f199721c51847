import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { iso, runClaimCommand } from './claim-command';
import {
  AddEvidenceInput,
  AssignClaimInput,
  CloseClaimInput,
  EscalateClaimInput,
  FileClaimInput,
  FollowUpClaimInput,
  RecordRemedyDeliveredInput,
  RejectClaimInput,
  RequestInformationInput,
  ResolveClaimInput,
  ResubmitClaimInput,
  WithdrawClaimInput,
} from './claim.inputs';
import { ClaimPayload } from './claim.payloads';
import { toRemedy } from './remedy.mapper';

/** One purpose-built mutation per step of a claim's life; each turns its input into a command. */
@Resolver()
export class ClaimMutationsResolver {
  @Mutation(() => ClaimPayload)
  fileClaim(@Arg('input', () => FileClaimInput) input: FileClaimInput, @Ctx() ctx: Context) {
    const { platformId, orderReference, product, amountPaid, description } = input;
    return runClaimCommand(ctx, input, {
      type: 'FileClaim',
      data: {
        claimantId: input.claimantId ?? null,
        platformId,
        orderReference,
        product,
        amountPaid: { amount: amountPaid.amount, currency: amountPaid.currency },
        paidAt: input.paidAt.toISOString(),
        incidentAt: input.incidentAt.toISOString(),
        incidentMinutes: input.incidentMinutes ?? null,
        description,
        remedyRequested: toRemedy(input.remedyRequested),
      },
    });
  }

  @Mutation(() => ClaimPayload)
  addEvidence(@Arg('input', () => AddEvidenceInput) input: AddEvidenceInput, @Ctx() ctx: Context) {
    const { kind, description, sha256 } = input;
    const data = { kind, description, sha256: sha256.toLowerCase(), uri: input.uri ?? null, capturedAt: iso(input.capturedAt) };
    return runClaimCommand(ctx, input, { type: 'AddEvidence', data });
  }

  @Mutation(() => ClaimPayload)
  assignClaim(@Arg('input', () => AssignClaimInput) input: AssignClaimInput, @Ctx() ctx: Context) {
    return runClaimCommand(ctx, input, { type: 'AssignClaim', data: { agentId: input.agentId } });
  }

  @Mutation(() => ClaimPayload)
  requestInformation(@Arg('input', () => RequestInformationInput) input: RequestInformationInput, @Ctx() ctx: Context) {
    const data = { message: input.message, dueBy: iso(input.dueBy) };
    return runClaimCommand(ctx, input, { type: 'RequestInformation', data });
  }

  @Mutation(() => ClaimPayload)
  rejectClaim(@Arg('input', () => RejectClaimInput) input: RejectClaimInput, @Ctx() ctx: Context) {
    const data = { reason: input.reason, explanation: input.explanation };
    return runClaimCommand(ctx, input, { type: 'RejectClaim', data });
  }

  @Mutation(() => ClaimPayload)
  resubmitClaim(@Arg('input', () => ResubmitClaimInput) input: ResubmitClaimInput, @Ctx() ctx: Context) {
    return runClaimCommand(ctx, input, { type: 'ResubmitClaim', data: { note: input.note } });
  }

  @Mutation(() => ClaimPayload)
  escalateClaim(@Arg('input', () => EscalateClaimInput) input: EscalateClaimInput, @Ctx() ctx: Context) {
    const { level, reason } = input;
    const data = { level, reason, body: input.body ?? null, caseReference: input.caseReference ?? null };
    return runClaimCommand(ctx, input, { type: 'EscalateClaim', data });
  }

  @Mutation(() => ClaimPayload)
  resolveClaim(@Arg('input', () => ResolveClaimInput) input: ResolveClaimInput, @Ctx() ctx: Context) {
    const data = { remedy: toRemedy(input.remedy), note: input.note ?? null };
    return runClaimCommand(ctx, input, { type: 'ResolveClaim', data });
  }

  @Mutation(() => ClaimPayload)
  recordRemedyDelivered(
    @Arg('input', () => RecordRemedyDeliveredInput) input: RecordRemedyDeliveredInput,
    @Ctx() ctx: Context,
  ) {
    const data = { transactionReference: input.transactionReference };
    return runClaimCommand(ctx, input, { type: 'RecordRemedyDelivered', data });
  }

  @Mutation(() => ClaimPayload)
  withdrawClaim(@Arg('input', () => WithdrawClaimInput) input: WithdrawClaimInput, @Ctx() ctx: Context) {
    return runClaimCommand(ctx, input, { type: 'WithdrawClaim', data: { reason: input.reason } });
  }

  @Mutation(() => ClaimPayload)
  closeClaim(@Arg('input', () => CloseClaimInput) input: CloseClaimInput, @Ctx() ctx: Context) {
    return runClaimCommand(ctx, input, { type: 'CloseClaim', data: { note: input.note ?? null } });
  }

  @Mutation(() => ClaimPayload)
  followUpClaim(@Arg('input', () => FollowUpClaimInput) input: FollowUpClaimInput, @Ctx() ctx: Context) {
    return runClaimCommand(ctx, input, { type: 'FollowUpClaim', data: { message: input.message } });
  }
}
