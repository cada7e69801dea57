import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on loopback to a real server (PostgreSQL, a Kafka bootstrap address), to make that server appear
 * later than its clients (`open` after they start) or to cut every connection at once (`cut`: a network
 * failure, as a client sees it, without stopping the server).
 */
export interface TcpProxy {
  readonly port: number;
  /** Starts taking connections (on `port`). */
  open(): Promise<void>;
  /** Stops taking connections and drops those open. */
  close(): Promise<void>;
  /** Drops the open connections; new ones are still taken. */
  cut(): void;
}

export async function tcpProxy(target: { host?: string; port: number }, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const cut = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    port,
    async open() {
      if (server) return;
      server = createServer((client) => {
        const upstream = createConnection({ host: target.host ?? '127.0.0.1', port: target.port });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => {
            sockets.delete(socket);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async close() {
      const closing = server;
      server = undefined;
      cut();
      if (closing) await new Promise((resolve) => closing.close(resolve));
    },
    cut,
  };
}
