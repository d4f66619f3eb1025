import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../../lib/trpc";

/**
 * The session's agenda. In the room the live stream's "agenda" events refetch it (see
 * use-session-capture), so it is never polled there; elsewhere it is read once.
 */
export function useAgenda(sessionId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.agenda.get.queryOptions({ sessionId }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Milliseconds since `since` (a local time stamp), re-rendering a few times a second while `active`. */
export function useSince(since: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [active]);
  return Math.max(0, (active ? now : Date.now()) - since);
}
