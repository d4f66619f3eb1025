import { type CaptionLineView, compareCaptionLines, type LiveEventOf } from "@reeks/models";
import { useSyncExternalStore } from "react";

/** Lines a viewer keeps on the page: the screen shows the last few, the log a screenful more. */
const KEPT_LINES = 200;
/** An interim line nobody updates any more (a captioner who closed the tab) fades after this. */
export const INTERIM_STALE_MS = 8_000;

export interface InterimLine {
  authorKey: string;
  language: string;
  text: string;
  at: number;
}

export interface CaptionSnapshot {
  lines: readonly CaptionLineView[];
  interims: readonly InterimLine[];
}

/** Final lines by id, in the session's order; a line seen twice (stream and `recent`) is kept once. */
export function withLines(
  lines: readonly CaptionLineView[],
  added: readonly CaptionLineView[],
): CaptionLineView[] {
  const known = new Set(lines.map((l) => l.id));
  const fresh = added.filter((l) => !known.has(l.id));
  if (fresh.length === 0) return lines as CaptionLineView[];
  return [...lines, ...fresh].sort(compareCaptionLines).slice(-KEPT_LINES);
}

/**
 * The captions of one session in this browser, fed by the session's live stream (one per browser,
 * see capture/use-session-capture.ts) whether or not captions are shown, so turning them on shows
 * what was just said.
 */
class CaptionStore {
  private snapshot: CaptionSnapshot = { lines: [], interims: [] };
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = () => this.snapshot;

  private set(next: CaptionSnapshot) {
    if (next === this.snapshot) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  addLines(lines: readonly CaptionLineView[]) {
    const merged = withLines(this.snapshot.lines, lines);
    if (merged === this.snapshot.lines) return;
    // A final line replaces its author's interim text.
    const done = new Set(lines.map((l) => l.authorKey));
    this.set({ lines: merged, interims: this.snapshot.interims.filter((i) => !done.has(i.authorKey)) });
  }

  setInterim(interim: InterimLine) {
    const others = this.snapshot.interims.filter((i) => i.authorKey !== interim.authorKey);
    this.set({ ...this.snapshot, interims: interim.text ? [...others, interim] : others });
  }

  dropStale(now: number) {
    const fresh = this.snapshot.interims.filter((i) => now - i.at < INTERIM_STALE_MS);
    if (fresh.length !== this.snapshot.interims.length) this.set({ ...this.snapshot, interims: fresh });
  }
}

const stores = new Map<string, CaptionStore>();

export function captionStore(sessionId: string): CaptionStore {
  let store = stores.get(sessionId);
  if (!store) {
    store = new CaptionStore();
    stores.set(sessionId, store);
  }
  return store;
}

export type CaptionEvent = LiveEventOf<"caption">;

/** A caption event from the session's stream: final and interim lines go to the store. */
export function applyCaptionLine(sessionId: string, event: CaptionEvent) {
  if (event.sessionId !== sessionId) return;
  const store = captionStore(sessionId);
  if (event.kind === "final") store.addLines([event.line]);
  else if (event.kind === "interim")
    store.setInterim({
      authorKey: event.authorKey,
      language: event.language,
      text: event.text,
      at: Date.now(),
    });
}

export function useCaptionSnapshot(sessionId: string): CaptionSnapshot {
  const store = captionStore(sessionId);
  return useSyncExternalStore(store.subscribe, store.get);
}
