import { useDataChannel } from "@livekit/components-react";
import { ROOM_REACTION_TOPIC } from "@reeks/models";
import { SmilePlus } from "lucide-react";
import { useCallback, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Announcement } from "./Announcer";
import { useMe, useRoster, useRosterEntry } from "./room-context";

const EMOJIS = ["👍", "👏", "❤️", "😂", "🤔"] as const;
const SHOWN_FOR_MS = 4_000;

/** Ephemeral reactions over LiveKit's data channel: shown for a few seconds, not stored. */
export function Reactions({ onAnnounce }: { onAnnounce: (announcement: Announcement) => void }) {
  const { t } = useTranslation("room");
  const me = useMe();
  const [shown, setShown] = useState<Array<{ id: number; emoji: string; identity: string }>>([]);
  // Read at arrival time, so the callback (and LiveKit's subscription) need not change with the roster.
  const roster = useRoster().byIdentity;
  const rosterRef = useRef(roster);
  rosterRef.current = roster;

  const show = useCallback((emoji: string, identity: string) => {
    const id = Date.now() + Math.random();
    setShown((s) => [...s, { id, emoji, identity }]);
    window.setTimeout(() => setShown((s) => s.filter((r) => r.id !== id)), SHOWN_FOR_MS);
  }, []);
  const onMessage = useCallback(
    (message: { payload: Uint8Array; from?: { identity: string } }) => {
      const emoji = new TextDecoder().decode(message.payload);
      if (!EMOJIS.includes(emoji as (typeof EMOJIS)[number])) return;
      const identity = message.from?.identity ?? "";
      show(emoji, identity);
      const name = rosterRef.current.get(identity)?.name;
      onAnnounce({ key: "announce.reaction", about: identity || undefined, params: { name, emoji } });
    },
    [show, onAnnounce],
  );
  const { send } = useDataChannel(ROOM_REACTION_TOPIC, onMessage);
  const [open, setOpen] = useState(false);
  const trayId = useId();
  return (
    <div className="reactions">
      {/* A labelled icon opens the tray: the emoji alone read as empty boxes without an emoji font. */}
      <button
        type="button"
        className="room-control"
        aria-expanded={open}
        aria-controls={trayId}
        onClick={() => setOpen((o) => !o)}
      >
        <SmilePlus aria-hidden="true" className="ui-icon" />
        <span className="room-control-label">{t("controls.reactionsOpen")}</span>
      </button>
      <fieldset id={trayId} className="reaction-tray" hidden={!open}>
        <legend className="visually-hidden">{t("controls.reactions")}</legend>
        {EMOJIS.map((emoji) => (
          <button
            key={emoji}
            type="button"
            className="reaction-button"
            aria-label={t("controls.react", { emoji })}
            onClick={() => {
              void send(new TextEncoder().encode(emoji), { reliable: true });
              show(emoji, me.identity);
            }}
          >
            {emoji}
          </button>
        ))}
      </fieldset>
      {/* Hidden from screen readers: they hear reactions of others through the room's live region. */}
      <ul className="reaction-bubbles" aria-hidden="true">
        {shown.map((r) => (
          <ReactionBubble key={r.id} emoji={r.emoji} identity={r.identity} />
        ))}
      </ul>
    </div>
  );
}

function ReactionBubble(props: { emoji: string; identity: string }) {
  const entry = useRosterEntry(props.identity);
  return (
    <li>
      {props.emoji} {entry?.name ?? ""}
    </li>
  );
}
