import * as Y from "yjs";

/** The shared type inside each session's notes document; the server reads the same one. */
export const NOTES_TEXT = "notes";

/** Marks updates that came from the server, so they are not sent back to it. */
const REMOTE = Symbol("remote");

export interface NotesTransport {
  /** The whole document as the server has it, and the live stream position it is current to. */
  load(): Promise<{ state: string; cursor: string }>;
  /** Stores one (merged) update on the server. */
  push(update: string): Promise<void>;
  /** Updates of other writers (and our own, echoed), from `lastEventId` on. */
  subscribe(lastEventId: string, onUpdate: (update: string) => void): { unsubscribe(): void };
}

// Both browsers and Node (≥16) have these globals; this package is built without DOM or Node types.
declare const btoa: (data: string) => string;
declare const atob: (data: string) => string;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Keeps one Yjs document in step with the server. Local changes queue up and go out merged into one
 * update per round trip; whatever could not be sent (offline, error) stays queued and goes out after
 * the next connect, on top of what others wrote meanwhile. Yjs makes the order irrelevant, so no
 * writer ever overwrites another.
 */
export class NotesSync {
  readonly doc = new Y.Doc();
  readonly text: Y.Text = this.doc.getText(NOTES_TEXT);
  private pending: Uint8Array[] = [];
  private flushing: Promise<void> | null = null;
  private subscription: { unsubscribe(): void } | null = null;
  private online = false;

  constructor(private readonly transport: NotesTransport) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.pending.push(update);
      void this.flush();
    });
  }

  get unsent(): number {
    return this.pending.length;
  }

  get connected(): boolean {
    return this.online;
  }

  async connect(): Promise<void> {
    const { state, cursor } = await this.transport.load();
    Y.applyUpdate(this.doc, fromBase64(state), REMOTE);
    this.subscription?.unsubscribe();
    this.subscription = this.transport.subscribe(cursor, (update) => {
      Y.applyUpdate(this.doc, fromBase64(update), REMOTE);
    });
    this.online = true;
    await this.flush();
  }

  disconnect(): void {
    this.online = false;
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /** Sends what is queued; resolves when the queue is empty or sending failed (it stays queued). */
  flush(): Promise<void> {
    if (!this.online) return Promise.resolve();
    this.flushing ??= this.sendQueued().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendQueued(): Promise<void> {
    while (this.online && this.pending.length > 0) {
      const batch = this.pending.slice();
      try {
        await this.transport.push(toBase64(Y.mergeUpdates(batch)));
      } catch {
        return;
      }
      this.pending.splice(0, batch.length);
    }
  }
}
