import type { EventStore } from '../../services/event-store';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import type { ProjectionRunner } from '../projections/runner';

/**
 * The other processes of a `serve --workers N` cluster, reached over IPC through the primary. They
 * only ever hear hints that save waiting for a poll: every process still reads the event store and
 * the checkpoints itself, so a lost or late message costs latency, never correctness.
 */
export interface ClusterPeers {
  /** This process committed appends to the event store. */
  appended(): void;
  /** This process's projector committed the read models up to `position`. */
  projected(position: bigint): void;
  /** Hears what the other processes say; the returned function stops listening. */
  listen(handlers: PeerHandlers): () => void;
}

export interface PeerHandlers {
  appended(): void;
  projected(position: bigint): void;
}

/** What travels between a worker and the primary (and on to the other workers). */
export type PeerMessage = { recourse: 'appended' } | { recourse: 'projected'; position: string };

/** Whether an IPC message is one of ours (the channel may carry others, e.g. node:cluster's own). */
export function isPeerMessage(message: unknown): message is PeerMessage {
  const kind = (message as { recourse?: unknown } | null)?.recourse;
  return kind === 'appended' || (kind === 'projected' && typeof (message as { position?: unknown }).position === 'string');
}

/** A cluster worker's peers: its IPC channel to the primary, which passes each message on to the other workers. */
export function ipcPeers(channel: NodeJS.Process = process): ClusterPeers {
  return peersOver(channel, (message) => {
    if (channel.connected) channel.send?.(message);
  });
}

/** Either end of a worker thread's channel (the `Worker`, or `parentPort` inside it). */
export interface ThreadPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** The peer at the other end of a worker thread's channel: the serving thread and its projector thread. */
export function threadPeers(port: ThreadPort): ClusterPeers {
  return peersOver(port, (message) => port.postMessage(message));
}

/** Peers that send with `send` and hear what arrives on `channel`. */
function peersOver(channel: Pick<ThreadPort, 'on' | 'off'>, send: (message: PeerMessage) => void): ClusterPeers {
  return {
    appended: () => send({ recourse: 'appended' }),
    projected: (position) => send({ recourse: 'projected', position: position.toString() }),
    listen(handlers) {
      const onMessage = (message: unknown) => {
        if (!isPeerMessage(message)) return;
        if (message.recourse === 'appended') handlers.appended();
        else handlers.projected(BigInt(message.position));
      };
      channel.on('message', onMessage);
      return () => channel.off('message', onMessage);
    },
  };
}

/**
 * Wires a serving process to its peers: its commits are announced (appends, and the projector's
 * position when it projects here), and what the others announce wakes its subscriptions and the
 * mutations waiting for read-your-writes. Returns the function that unwires it.
 */
export function connectPeers(peers: ClusterPeers, store: EventStore, runner: ProjectionRunner): () => void {
  // EventStoreDB pushes every append to every subscriber itself: only the SQLite file needs the word.
  const sqlite = store instanceof SqliteEventStore ? store : null;
  const stopAnnouncing = sqlite?.onCommit(() => peers.appended()) ?? (() => undefined);
  const stopListening = peers.listen({
    appended: () => sqlite?.appendedElsewhere(),
    projected: (position) => runner.projectedElsewhere(position),
  });
  return () => {
    stopAnnouncing();
    stopListening();
  };
}
