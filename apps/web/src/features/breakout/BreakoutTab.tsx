import { CapturePanel } from "../capture";
import { useMe } from "../room/room-context";
import { BreakoutMember } from "./BreakoutMember";
import { BreakoutModerator } from "./BreakoutModerator";
import { useBreakout } from "./breakout-context";

/**
 * The side panel's "Groups" tab: the moderator's controls, or a participant's own group; below them
 * the group's capture (notes and items), for its members (also after the return, when the
 * rapporteur shares the items with the session) and for a moderator who visits.
 */
export function BreakoutTab() {
  const me = useMe();
  const b = useBreakout();
  const captureGroup = me.isModerator
    ? b.here.visiting
      ? b.here.groupId
      : null
    : (b.round?.myGroupId ?? null);
  return (
    <>
      {me.isModerator ? (
        <BreakoutModerator sessionId={b.sessionId} here={b.here} visit={b.visit} />
      ) : (
        <BreakoutMember sessionId={b.sessionId} round={b.round} here={b.here} />
      )}
      {captureGroup ? (
        <CapturePanel
          key={captureGroup}
          sessionId={b.sessionId}
          breakoutGroupId={captureGroup}
          headingLevel={3}
        />
      ) : null}
    </>
  );
}
