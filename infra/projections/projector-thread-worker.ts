import { parentPort, workerData } from 'node:worker_threads';
import { createProjectionRunner, openEventStores, openReadModelDatabase } from '../backends';
import { connectPeers, threadPeers } from '../cluster/peers';
import { createLogger } from '../logger';
import { PROJECTOR_THREAD_READY, PROJECTOR_THREAD_STOP, type ProjectorThreadInput } from './projector-thread';

/**
 * The projector thread's body (`projector-thread.ts`): its own connections to the event store and
 * the read models, and a runner that projects as the serving thread's would, telling it each
 * position committed and woken by each of its appends.
 */
async function main(port: NonNullable<typeof parentPort>, { config, logLevel }: ProjectorThreadInput): Promise<void> {
  const logger = createLogger(logLevel).child({ thread: 'projector' });
  const { store, raw } = openEventStores(config);
  const orm = await openReadModelDatabase(config);
  const peers = threadPeers(port);
  const runner = createProjectionRunner(config, store, orm, logger, (position) => peers.projected(position));
  const disconnect = connectPeers(peers, raw, runner);
  runner.start();
  port.postMessage(PROJECTOR_THREAD_READY);
  port.on('message', (message: unknown) => {
    if (message !== PROJECTOR_THREAD_STOP) return;
    void (async () => {
      try {
        disconnect();
        await runner.stop();
        await orm.close();
        await store.close();
      } catch (error) {
        logger.error({ err: error }, 'the projector thread did not close cleanly');
      } finally {
        port.close(); // ends the thread, which the serving thread's stop() waits for
      }
    })();
  });
}

void main(parentPort!, workerData as ProjectorThreadInput);
