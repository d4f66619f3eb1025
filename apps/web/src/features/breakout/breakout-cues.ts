import type { BreakoutChange } from "@reeks/models";

type Listener = (change: BreakoutChange) => void;

/** The live rooms on this page, by session: they move on a round's "opened" and "closed" at once. */
const listeners = new Map<string, Set<Listener>>();

/** Listens for a session's breakout changes; returns the function that stops listening. */
export function onBreakoutCue(sessionId: string, listener: Listener): () => void {
  const set = listeners.get(sessionId) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(sessionId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(sessionId);
  };
}

/**
 * Hands a change to the live rooms of this session on the page. True when one took it: it then
 * fetches the round's state itself once it has moved.
 */
export function cueBreakout(sessionId: string, change: BreakoutChange): boolean {
  const set = listeners.get(sessionId);
  if (!set?.size) return false;
  for (const listener of set) listener(change);
  return true;
}
