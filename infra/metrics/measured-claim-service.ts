import { ClaimService, type ClaimServiceDeps, type CommandRequest, type CommandResult } from '../../services/claim-service';
import { DomainError } from '../../services/claims';
import { ApplicationError } from '../../services/errors';
import type { Metrics } from './metrics';

/** The claim service, timing every command by type and outcome and counting conflicts. */
export class MeasuredClaimService extends ClaimService {
  constructor(
    deps: ClaimServiceDeps,
    private readonly metrics: Metrics,
  ) {
    super({ ...deps, onConflictRetry: () => metrics.conflicts.inc({ handling: 'retried' }) });
  }

  override async handle(request: CommandRequest): Promise<CommandResult> {
    const stop = this.metrics.commandDuration.startTimer({ command: request.intent.type });
    try {
      const result = await super.handle(request);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      const outcome = error instanceof DomainError || error instanceof ApplicationError ? error.code : 'error';
      if (outcome === 'CONFLICT') this.metrics.conflicts.inc({ handling: 'answered' });
      stop({ outcome });
      throw error;
    }
  }
}
