import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

/**
 * The running app's embedded database, served to the organiser CLI over a Unix socket in the data
 * folder (PostgreSQL's wire protocol, so the CLI uses the same pg driver and the same commands as on
 * PostgreSQL). PGlite is one backend: a client's statements must never land inside one of the app's
 * transactions, nor the app's inside the client's. So a client holds PGlite's transaction lock from its
 * first message until the backend is idle again (ReadyForQuery "I"); clients take turns, one at a time.
 */

/** The folder that holds the socket; the pg driver names the file `.s.PGSQL.<port>` in it. */
export function databaseSocketDir(dataDir: string): string {
  return join(dataDir, "run");
}
export const DATABASE_SOCKET_PORT = 5432;

/** A client idle this long while it holds the database (e.g. an open transaction) is disconnected. */
const IDLE_TIMEOUT_MS = 15_000;
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

function simpleQuery(sql: string): Uint8Array {
  const text = new TextEncoder().encode(`${sql}\0`);
  const message = new Uint8Array(5 + text.length);
  message[0] = 0x51;
  new DataView(message.buffer).setInt32(1, 4 + text.length);
  message.set(text, 5);
  return message;
}

/** Whether a response ended with ReadyForQuery saying "idle, no transaction" (`Z`, length 5, `I`). */
function endsIdle(tail: Uint8Array): boolean {
  const n = tail.length;
  return n >= 6 && tail[n - 6] === 0x5a && tail[n - 2] === 5 && tail[n - 1] === 0x49;
}

class Turn {
  private release: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  private acquire(): Promise<() => void> {
    return new Promise((acquired) => {
      void this.pglite._runExclusiveTransaction(() => new Promise<void>((release) => acquired(release)));
    });
  }

  /**
   * The handler may hand over the messages of two network reads at once; they must reach PGlite in
   * order, each after the last has finished (or a pipeline's Sync would wait behind its own Parse).
   */
  run(message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const result = this.queue.then(() => this.execute(message, onData));
    this.queue = result.catch(() => {});
    return result;
  }

  private async execute(message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (!this.release) this.release = await this.acquire();
    let tail = new Uint8Array(0);
    let bytes = 0;
    await this.pglite._runExclusiveQuery(() =>
      this.pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          bytes += data.length;
          const joined = new Uint8Array(tail.length + data.length);
          joined.set(tail);
          joined.set(data, tail.length);
          tail = joined.slice(-6);
          onData(data);
        },
      }),
    );
    if (endsIdle(tail)) this.end();
    return bytes;
  }

  /** After the client left: end what it left half-done (a pipeline, a transaction), then let the app on. */
  async abandon(): Promise<void> {
    await this.queue;
    if (!this.release) return;
    await this.pglite._runExclusiveQuery(async () => {
      await this.pglite.execProtocolRaw(SYNC);
      if (this.pglite.isInTransaction()) await this.pglite.execProtocolRaw(simpleQuery("ROLLBACK"));
    });
    this.end();
  }

  private end() {
    const release = this.release;
    this.release = null;
    release?.();
  }
}

export interface DatabaseSocket {
  path: string;
  close(): Promise<void>;
}

export async function serveDatabaseSocket(
  pglite: PGlite,
  dataDir: string,
  log: (line: string) => void,
): Promise<DatabaseSocket> {
  const dir = databaseSocketDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = join(dir, `.s.PGSQL.${DATABASE_SOCKET_PORT}`);
  // A socket file left by a crashed run; the data-dir lock already proved no live app owns it.
  rmSync(path, { force: true });
  let turns: Promise<void> = Promise.resolve();
  const open = new Set<Socket>();
  const serve = async (socket: Socket) => {
    if (socket.destroyed) return;
    const turn = new Turn(pglite);
    const handler = new PGLiteSocketHandler({
      // The handler only needs these three from the package's own (unexported) queue.
      queryQueue: {
        enqueue: (_id: number, message: Uint8Array, onData: (data: Uint8Array) => void) =>
          turn.run(message, onData),
        clearQueueForHandler: () => {},
        clearTransactionIfNeeded: async () => {},
      } as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]["queryQueue"],
      closeOnDetach: true,
      idleTimeout: IDLE_TIMEOUT_MS,
    });
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await handler.attach(socket);
    socket.resume();
    await closed;
    await turn.abandon().catch((error: unknown) => log(`database socket: ${String(error)}`));
  };
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    turns = turns.then(() => serve(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      });
      await turns;
      rmSync(path, { force: true });
    },
  };
}
