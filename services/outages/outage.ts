import { DomainError, makeUpHours, type Actor, type AppliedPolicy } from '../claims';

/** What an outage earned under its platform's policy when it ended. */
export interface MakeUpGranted {
  extensionHours: number;
  /** The policy (platform, version) whose make-up terms were applied. */
  policy: { platformId: string | null; version: number };
}

/** A platform's service dropped (reported by its monitoring or a supervisor); `product` null: every product. */
export interface OutageReported {
  type: 'OutageReported';
  data: { outageId: string; platformId: string; product: string | null; startedAt: string; description: string; occurredAt: string };
}

/** The outage ended; `makeUp` says what it earned (null: not longer than the threshold, or no make-up in the policy). */
export interface OutageEnded {
  type: 'OutageEnded';
  data: { outageId: string; endedAt: string; durationMinutes: number; makeUp: MakeUpGranted | null; occurredAt: string };
}

export type OutageEvent = OutageReported | OutageEnded;

interface Context {
  actor: Actor;
  now: string;
}
export type ReportOutage = Context & {
  type: 'ReportOutage';
  data: { outageId: string; platformId: string; product: string | null; startedAt: string; endedAt: string | null; description: string; policy: AppliedPolicy };
};
export type EndOutage = Context & { type: 'EndOutage'; data: { endedAt: string; policy: AppliedPolicy } };
export type OutageCommand = ReportOutage | EndOutage;

export type OutageState = null | { outageId: string; platformId: string; startedAt: string; ended: boolean };

const REPORTERS = ['supervisor', 'integration'];

/** The outage stream's decider: supervisors and integrations report outages and their end. */
export const outageDecider = {
  initialState: (): OutageState => null,
  evolve(state: OutageState, event: OutageEvent): OutageState {
    if (event.type === 'OutageReported') {
      const { outageId, platformId, startedAt } = event.data;
      return { outageId, platformId, startedAt, ended: false };
    }
    return state && { ...state, ended: true };
  },
  decide(command: OutageCommand, state: OutageState): OutageEvent[] {
    if (!REPORTERS.includes(command.actor.role)) throw new DomainError('FORBIDDEN');
    return command.type === 'ReportOutage' ? reportOutage(command, state) : [endOutage(command, state)];
  },
};

function reportOutage(command: ReportOutage, state: OutageState): OutageEvent[] {
  if (state) throw new DomainError('OUTAGE_ALREADY_REPORTED');
  const { outageId, platformId, product, startedAt, endedAt, description, policy } = command.data;
  if (Date.parse(startedAt) > Date.parse(command.now)) throw new DomainError('INVALID_OUTAGE_TIMES');
  const reported: OutageReported = {
    type: 'OutageReported',
    data: { outageId, platformId, product, startedAt, description, occurredAt: command.now },
  };
  if (endedAt === null) return [reported];
  const started = outageDecider.evolve(null, reported);
  return [reported, endOutage({ ...command, type: 'EndOutage', data: { endedAt, policy } }, started)];
}

function endOutage(command: EndOutage, state: OutageState): OutageEnded {
  if (!state) throw new DomainError('OUTAGE_NOT_FOUND');
  if (state.ended) throw new DomainError('OUTAGE_ALREADY_ENDED');
  const { endedAt, policy } = command.data;
  const start = Date.parse(state.startedAt);
  const end = Date.parse(endedAt);
  if (!(end > start) || end > Date.parse(command.now)) throw new DomainError('INVALID_OUTAGE_TIMES');
  const durationMinutes = Math.ceil((end - start) / 60_000);
  const hours = makeUpHours(policy.terms.makeUp, durationMinutes);
  const makeUp = hours === null ? null : { extensionHours: hours, policy: { platformId: policy.platformId, version: policy.version } };
  return { type: 'OutageEnded', data: { outageId: state.outageId, endedAt, durationMinutes, makeUp, occurredAt: command.now } };
}

export const OUTAGE_STREAM_PREFIX = 'outage-';

/** The only place an outage stream's name is built or parsed. */
export function outageStreamName(outageId: string): string {
  return `${OUTAGE_STREAM_PREFIX}${outageId.toLowerCase()}`;
}

export function outageIdOfStream(streamId: string): string | null {
  return streamId.startsWith(OUTAGE_STREAM_PREFIX) ? streamId.slice(OUTAGE_STREAM_PREFIX.length) : null;
}
