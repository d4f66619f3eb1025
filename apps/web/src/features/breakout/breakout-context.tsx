import { createContext, type ReactNode, useContext } from "react";
import type { BreakoutGroup, BreakoutRound } from "./breakout-state";

/** Where the live room is connected now: the session's main room or one group's room. */
export interface Here {
  groupId: string | null;
  visiting: boolean;
}

export interface Breakout {
  sessionId: string;
  round: BreakoutRound | null;
  here: Here;
  /** The group whose room this browser is in (null in the main room). */
  hereGroup: BreakoutGroup | null;
  secondsLeft: number | null;
  /** Under a minute left: the countdown turns into a warning. */
  warning: boolean;
  /** A move between rooms is under way. */
  moving: boolean;
  /** Moderators: look in on a group, or (null) go back to the main room. */
  visit: (groupId: string | null) => void;
}

const BreakoutContext = createContext<Breakout | undefined>(undefined);

export function BreakoutProvider({ value, children }: { value: Breakout; children: ReactNode }) {
  return <BreakoutContext.Provider value={value}>{children}</BreakoutContext.Provider>;
}

/** As the room's own hooks: fails at once outside the live room instead of showing no groups. */
export function useBreakout(): Breakout {
  const value = useContext(BreakoutContext);
  if (!value) throw new Error("useBreakout() must be used inside <BreakoutProvider>");
  return value;
}
