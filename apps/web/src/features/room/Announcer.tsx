import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRoster } from "./room-context";

export type AnnouncementKey =
  | "announce.handRaised"
  | "announce.speaking"
  | "announce.reaction"
  | "announce.promoted"
  | "announce.demoted"
  | "announce.left"
  | "announce.removed"
  | "breakout:announce.toGroup"
  | "breakout:announce.visiting"
  | "breakout:announce.toMain"
  | "breakout:announce.warning"
  | "breakout:announce.extended"
  | "breakout:announce.broadcast"
  | "agenda:announce.twoMinutes"
  | "agenda:announce.segment";

/**
 * What the live region says, as a translation key and its parameters rather than a sentence: it is
 * worded at render time, so a language switch rewords what stands. `about` is the LiveKit identity
 * the sentence names, so it can be corrected once that person is gone.
 */
export interface Announcement {
  key: AnnouncementKey;
  about?: string;
  params?: {
    name?: string;
    emoji?: string;
    group?: string;
    question?: string;
    body?: string;
    count?: number;
    segment?: string;
  };
}

interface Message {
  announcement: Announcement | null;
  /** Counts announcements, so a repeated sentence still counts as new. */
  n: number;
}

/**
 * One polite live region for the room: hands, speakers, reactions, stage changes, departures, and
 * the breakout groups' moves, countdown warning and broadcasts.
 */
export function useAnnouncer() {
  const [message, setMessage] = useState<Message>({ announcement: null, n: 0 });
  const say = useCallback(
    (announcement: Announcement) => setMessage((m) => ({ announcement, n: m.n + 1 })),
    [],
  );
  /**
   * Someone left or was removed: a sentence that still names them ("Carla spreekt.") would tell a
   * screen-reader user that she is there; it becomes that she left. Others' sentences stand.
   */
  const departed = useCallback(
    (identity: string, removed: boolean) =>
      setMessage((m) => {
        const current = m.announcement;
        if (current?.about !== identity) return m;
        const key = removed ? "announce.removed" : "announce.left";
        if (current.key === key) return m;
        return { announcement: { key, about: identity, params: { name: current.params?.name } }, n: m.n + 1 };
      }),
    [],
  );
  return { message, say, departed };
}

export function Announcer({ message }: { message: Message }) {
  const { t } = useTranslation(["room", "breakout", "agenda"]);
  const { byIdentity } = useRoster();
  const announcement = message.announcement;
  let text = "";
  if (announcement) {
    const known = announcement.about ? byIdentity.get(announcement.about)?.name : undefined;
    text = t(announcement.key, {
      ...announcement.params,
      name: known ?? announcement.params?.name ?? t("guest"),
    });
  }
  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="announcer"
    >
      {/* The key makes a repeated sentence count as new. */}
      <span key={message.n}>{text}</span>
    </div>
  );
}
