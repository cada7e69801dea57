import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** AuthenticationCleartextPassword: 'R', length 8, code 3. */
const AUTHENTICATION_CLEARTEXT_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);

/** ErrorResponse FATAL 28P01 (invalid_password), as PostgreSQL answers a wrong password. */
const PASSWORD_REFUSED = (() => {
  const fields = Buffer.concat(
    [
      ['S', 'FATAL'],
      ['V', 'FATAL'],
      ['C', '28P01'],
      ['M', 'password authentication failed for user "postgres"'],
    ].map(([code, text]) => Buffer.from(`${code}${text}\0`)),
  );
  const body = Buffer.concat([fields, Buffer.from([0])]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from('E'), length, body]);
})();

/** Messages after which PostgreSQL answers with ReadyForQuery: the end of a unit of work on the wire. */
const UNIT_END = new Set(['S', 'Q']);

/**
 * Serves one PGlite database to many PostgreSQL clients over the wire protocol. PGlite runs one session, so
 * clients take turns by whole units of work: a simple query, or an extended-protocol group up to its Sync,
 * never interleaved; and a client inside a transaction keeps its turn until the transaction ends (or it
 * disconnects, which rolls it back). This is what lets node-postgres pools, TypeORM and five blocks share it.
 *
 * Every connection proves the server's password first (a cleartext password exchange, answered before the
 * startup message reaches PGlite): another local user or process cannot open the database by its port.
 */
export class PGliteWireServer {
  private server?: Server;
  private owner: number | null = null;
  private readonly waiting: { id: number; run: () => void }[] = [];
  private nextId = 1;

  private readonly passwordDigest: Buffer;

  constructor(
    private readonly db: PGlite,
    password: string,
  ) {
    this.passwordDigest = createHash('sha256').update(password).digest();
  }

  /** Whether a PasswordMessage ('p', NUL-terminated text) carries the server's password. */
  private passwordMatches(message: Buffer): boolean {
    const given = message.subarray(5, message.length - 1);
    return timingSafeEqual(createHash('sha256').update(given).digest(), this.passwordDigest);
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, resolve);
    });
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  private serve(socket: Socket): void {
    const id = this.nextId++;
    let buffer = Buffer.alloc(0);
    let started = false;
    /** The startup message, held until the password is proven. */
    let startup: Buffer | undefined;
    let pending: Buffer[] = [];
    let chain = Promise.resolve();
    socket.setNoDelay(true);

    const submit = (unit: Buffer) => {
      chain = chain
        .then(() => this.execute(id, unit, socket))
        .catch(() => {
          socket.destroy();
        });
    };

    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (code === SSL_REQUEST) {
            socket.write('N');
            buffer = buffer.subarray(8);
            continue;
          }
          if (code === CANCEL_REQUEST) {
            buffer = buffer.subarray(length);
            continue;
          }
          if (buffer.length < length) return;
          if (code !== PROTOCOL_3) {
            socket.destroy();
            return;
          }
          startup = Buffer.from(buffer.subarray(0, length));
          buffer = buffer.subarray(length);
          started = true;
          socket.write(AUTHENTICATION_CLEARTEXT_PASSWORD);
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]);
        const length = buffer.readInt32BE(1) + 1;
        if (buffer.length < length) return;
        const message = Buffer.from(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        if (type === 'X') {
          socket.end();
          return;
        }
        if (startup) {
          // The first message after startup answers our password request.
          if (type !== 'p' || !this.passwordMatches(message)) {
            socket.end(PASSWORD_REFUSED);
            return;
          }
          submit(startup);
          startup = undefined;
          continue;
        }
        pending.push(message);
        // Authentication answers ('p') and complete units are executed; the rest waits for its Sync.
        if (UNIT_END.has(type) || type === 'p') {
          submit(Buffer.concat(pending));
          pending = [];
        }
      }
    });
    const release = () => {
      chain = chain.then(async () => {
        if (this.owner === id) {
          if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
          this.handOver();
        }
      });
    };
    socket.on('close', release);
    socket.on('error', () => socket.destroy());
  }

  private async acquire(id: number): Promise<void> {
    if (this.owner === id) return;
    if (this.owner === null) {
      this.owner = id;
      return;
    }
    await new Promise<void>((run) => this.waiting.push({ id, run }));
  }

  private handOver(): void {
    const next = this.waiting.shift();
    this.owner = next ? next.id : null;
    next?.run();
  }

  private async execute(id: number, unit: Buffer, socket: Socket): Promise<void> {
    await this.acquire(id);
    try {
      await this.db.execProtocolRawStream(new Uint8Array(unit), {
        onRawData: (data: Uint8Array) => {
          if (data.length > 0 && socket.writable) socket.write(Buffer.from(data));
        },
      });
    } finally {
      if (!this.db.isInTransaction()) this.handOver();
    }
  }
}
