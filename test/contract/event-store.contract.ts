import type { EventStore } from '../../services/event-store';
import { describeAppendContract } from './event-store/append.contract';
import { describeConcurrencyContract } from './event-store/concurrency.contract';
import { describeExpectedRevisionContract } from './event-store/expected-revision.contract';
import { describeReadContract } from './event-store/read.contract';
import { describeSubscribeContract } from './event-store/subscribe.contract';
import { describeSubscriptionCloseContract } from './event-store/subscription-close.contract';
import type { ContractContext } from './event-store/helpers';

/**
 * The behaviour every EventStore adapter must show, written against the port only, so the same
 * suite runs on SQLite and on a shared EventStoreDB server. `open` must return a new store
 * object on the same data each time it is called; the suite closes what it opens. Every test
 * writes to fresh `test-<uuid>` streams and ignores other streams' events.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore | undefined;
    const context: ContractContext = {
      store: () => {
        if (store === undefined) throw new Error('the contract store is not open');
        return store;
      },
      open,
    };

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close();
    });

    describeAppendContract(context);
    describeExpectedRevisionContract(context);
    describeReadContract(context);
    describeSubscribeContract(context);
    describeSubscriptionCloseContract(context);
    describeConcurrencyContract(context);
  });
}
