import { createContext, type ReactNode, useContext, useMemo } from "react";
import { indexByIdentity, type RosterEntry } from "./roster";

/** The person in this browser, as the room knows them. */
export interface Me {
  participantId: string;
  identity: string;
  name: string;
  isModerator: boolean;
  role: RosterEntry["role"];
}

export interface Roster {
  entries: readonly RosterEntry[];
  byIdentity: ReadonlyMap<string, RosterEntry>;
}

interface RoomState {
  me: Me;
  roster: Roster;
}

const RoomStateContext = createContext<RoomState | undefined>(undefined);

/**
 * What every part of the live room reads instead of props passed down: who you are and who else is
 * there. As LiveKit's components-js does, the hooks throw outside the provider, so a component
 * mounted in the wrong place fails at once instead of showing an empty roster.
 */
export function RoomStateProvider(props: { me: Me; roster: readonly RosterEntry[]; children: ReactNode }) {
  const { me, roster, children } = props;
  const value = useMemo(
    () => ({ me, roster: { entries: roster, byIdentity: indexByIdentity(roster) } }),
    [me, roster],
  );
  return <RoomStateContext.Provider value={value}>{children}</RoomStateContext.Provider>;
}

function useRoomState(hook: string): RoomState {
  const state = useContext(RoomStateContext);
  if (!state) throw new Error(`${hook}() must be used inside <RoomStateProvider>`);
  return state;
}

export function useMe(): Me {
  return useRoomState("useMe").me;
}

export function useRoster(): Roster {
  return useRoomState("useRoster").roster;
}

export function useRosterEntry(identity: string | undefined): RosterEntry | undefined {
  return useRoomState("useRosterEntry").roster.byIdentity.get(identity ?? "");
}
