import { useDataChannel } from "@livekit/components-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "./LiveRoom";
import { useRosterEntry } from "./roster";

const REACTION_TOPIC = "reeks.reaction";
const EMOJIS = ["👍", "👏", "❤️", "😂", "🤔"] as const;

/** Ephemeral reactions over LiveKit's data channel: shown for a few seconds, not stored. */
export function Reactions({ me, onAnnounce }: { me: Me; onAnnounce: (text: string) => void }) {
  const { t } = useTranslation("room");
  const [shown, setShown] = useState<Array<{ id: number; emoji: string; identity: string }>>([]);
  const { send } = useDataChannel(REACTION_TOPIC, (message) => {
    const emoji = new TextDecoder().decode(message.payload);
    if (!EMOJIS.includes(emoji as (typeof EMOJIS)[number])) return;
    show(emoji, message.from?.identity ?? "");
  });
  function show(emoji: string, identity: string) {
    const id = Date.now() + Math.random();
    setShown((s) => [...s, { id, emoji, identity }]);
    window.setTimeout(() => setShown((s) => s.filter((r) => r.id !== id)), 4_000);
  }
  return (
    <fieldset className="reactions">
      <legend className="visually-hidden">{t("controls.reactions")}</legend>
      {EMOJIS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          aria-label={t("controls.react", { emoji })}
          onClick={() => {
            void send(new TextEncoder().encode(emoji), { reliable: true });
            show(emoji, me.identity);
          }}
        >
          {emoji}
        </button>
      ))}
      <ul className="reaction-bubbles" aria-hidden="true">
        {shown.map((r) => (
          <ReactionBubble
            key={r.id}
            emoji={r.emoji}
            identity={r.identity}
            onAnnounce={onAnnounce}
            mine={r.identity === me.identity}
          />
        ))}
      </ul>
    </fieldset>
  );
}

function ReactionBubble(props: {
  emoji: string;
  identity: string;
  mine: boolean;
  onAnnounce: (t: string) => void;
}) {
  const { t } = useTranslation("room");
  const entry = useRosterEntry(props.identity);
  const [announced, setAnnounced] = useState(false);
  if (!announced && !props.mine) {
    setAnnounced(true);
    props.onAnnounce(t("announce.reaction", { name: entry?.name ?? t("guest"), emoji: props.emoji }));
  }
  return (
    <li>
      {props.emoji} {entry?.name ?? ""}
    </li>
  );
}
