import type { RouterOutputs } from "@reeks/api";
import { createContext, useContext } from "react";

export type RosterEntry = RouterOutputs["room"]["roster"][number];

/** Names and roles by LiveKit identity: LiveKit itself only knows opaque ids. */
export const RosterContext = createContext<Map<string, RosterEntry>>(new Map());

export function useRosterEntry(identity: string | undefined): RosterEntry | undefined {
  return useContext(RosterContext).get(identity ?? "");
}
