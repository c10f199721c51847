import { claimDecider, DomainError } from '../../services/claims';
import type { ClaimCommand, ClaimEvent, ClaimState, DomainErrorCode } from '../../services/claims';

/** The parts of a decider a given/when/then test drives. */
export interface TestableDecider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** The outcome of deciding, in a shape whose jest diff shows what happened instead. */
type Outcome<Event> = { decided: Event[] } | { failed: DomainErrorCode };

function outcomeOf<Event>(run: () => Event[]): Outcome<Event> {
  try {
    return { decided: run() };
  } catch (error) {
    // Anything but a DomainError is a bug in the decider: let jest show it as such.
    if (error instanceof DomainError) return { failed: error.code };
    throw error;
  }
}

/**
 * Given/when/then for any decider: `given(...history).when(command).then(...events)` or
 * `.thenFails(code)`. The history is folded with the decider's own `evolve`.
 */
export function specFor<Command, Event, State>(decider: TestableDecider<Command, Event, State>) {
  return function given(...history: Event[]) {
    const state = history.reduce((folded, event) => decider.evolve(folded, event), decider.initialState());
    return {
      when(command: Command) {
        const run = () => decider.decide(command, state);
        return {
          /** Deciding yields exactly these events, in this order. */
          then(...expected: Event[]): void {
            expect(outcomeOf(run)).toEqual({ decided: expected });
          },
          /** Deciding is refused with this domain error code. */
          thenFails(code: DomainErrorCode): void {
            expect(outcomeOf(run)).toEqual({ failed: code });
          },
          /** The raw outcome, for assertions on a part of the events. */
          outcome: (): Outcome<Event> => outcomeOf(run),
        };
      },
    };
  };
}

/** Given/when/then on the claim decider under the default policy. */
export const given = specFor<ClaimCommand, ClaimEvent, ClaimState>(claimDecider);
