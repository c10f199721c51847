import type { IncomingMessage, Server } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../logger';

/** What each graphql-ws connection context carries about its socket. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

export interface TransportOptions {
  /** The HTTP server whose upgrades to `path` become graphql-ws connections. */
  server: Server;
  path: string;
  /** Larger messages close the connection with 1009. */
  maxPayloadBytes: number;
  logger: Logger;
  /** Ping interval; a peer that does not answer within it is dropped. Default 12 s (graphql-ws's). */
  keepAliveMs?: number;
}

/**
 * graphql-ws's protocol server on a `ws` WebSocketServer. What `graphql-ws/use/ws` does (its
 * authors invite copying it), except that problems are logged through our JSON logger instead of
 * `console.error`, and internal error messages never reach a close reason.
 */
export function serveGraphQLWs<P extends Record<string, unknown>, E>(
  graphqlWs: ServerOptions<P, SocketExtra & E>,
  options: TransportOptions,
): WebSocketServer {
  const { logger, keepAliveMs = 12_000 } = options;
  const protocol = makeServer(graphqlWs);
  const wss = new WebSocketServer({
    server: options.server,
    path: options.path,
    maxPayload: options.maxPayloadBytes,
    handleProtocols: (protocols) => handleProtocols(protocols) || false,
  });
  wss.on('error', (error) => logger.error({ err: error }, 'websocket server error'));
  wss.on('connection', (socket, request) => {
    // A peer's fault mostly (a message over the limit, a broken frame): ws closes the socket itself.
    socket.on('error', (error) => logger.warn({ err: error }, 'websocket error'));
    const stopKeepAlive = keepAlive(socket, keepAliveMs);
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) => sendWhenOpen(socket, data),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((error: unknown) => {
              logger.error({ err: error }, 'graphql-ws message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, request } as SocketExtra & E,
    );
    socket.once('close', (code, reason) => {
      stopKeepAlive();
      void closed(code, String(reason));
    });
  });
  return wss;
}

/** Resolves once `data` is handed to the OS: a slow peer slows its own subscriptions (backpressure). */
function sendWhenOpen(socket: WebSocket, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    socket.send(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** Pings every `intervalMs`; terminates a peer that has not answered the previous ping. */
function keepAlive(socket: WebSocket, intervalMs: number): () => void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, intervalMs);
  return () => clearInterval(timer);
}
