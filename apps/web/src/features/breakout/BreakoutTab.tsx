import { useMe } from "../room/room-context";
import { BreakoutMember } from "./BreakoutMember";
import { BreakoutModerator } from "./BreakoutModerator";
import { useBreakout } from "./breakout-context";

/** The side panel's "Groups" tab: the moderator's controls, or a participant's own group. */
export function BreakoutTab() {
  const me = useMe();
  const b = useBreakout();
  if (me.isModerator) return <BreakoutModerator sessionId={b.sessionId} here={b.here} visit={b.visit} />;
  return <BreakoutMember sessionId={b.sessionId} round={b.round} here={b.here} />;
}
