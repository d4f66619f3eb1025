import { LogOut, Megaphone, Timer } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/ui";
import { useBreakout } from "./breakout-context";
import { formatCountdown } from "./breakout-state";

/**
 * The line above the stage while groups are open, for everyone: where you are, the group's question,
 * the time left (a warning in the last minute), and the moderator's latest message. Screen readers
 * hear the move, the warning and each message through the room's live region; this is what stays.
 */
export function BreakoutBar() {
  const { t } = useTranslation("breakout");
  const b = useBreakout();
  const round = b.round;
  if (round?.status !== "open") {
    return b.moving ? (
      <p className="breakout-bar" aria-busy="true">
        {t("bar.moving")}
      </p>
    ) : null;
  }
  const latest = round.broadcasts.at(-1);
  const where = b.hereGroup
    ? t(b.here.visiting ? "bar.visiting" : "bar.inGroup", { group: b.hereGroup.name })
    : t("bar.inMain");
  return (
    <section
      className="breakout-bar"
      aria-label={t("bar.label")}
      data-warning={b.warning}
      data-testid="breakout-bar"
    >
      <div className="breakout-bar-main">
        <p className="breakout-where">
          <strong>{where}</strong>
          {b.hereGroup && !b.here.visiting ? (
            <span className="breakout-bar-question"> · {b.hereGroup.question}</span>
          ) : null}
          {!b.hereGroup && round.assignment === "self" && !round.myGroupId ? (
            <span> {t("bar.chooseHint")}</span>
          ) : null}
        </p>
        {b.secondsLeft !== null ? (
          <p className="breakout-countdown" role="timer" data-testid="breakout-countdown">
            <Timer aria-hidden="true" className="ui-icon" />
            {t("bar.left", { time: formatCountdown(b.secondsLeft) })}
          </p>
        ) : null}
        {b.here.visiting ? (
          <Button icon={LogOut} className="room-chip" onPress={() => b.visit(null)}>
            {t("bar.back")}
          </Button>
        ) : null}
      </div>
      {b.warning ? <p className="breakout-warning">{t("bar.warning")}</p> : null}
      {latest ? (
        <p className="breakout-latest" data-testid="breakout-broadcast">
          <Megaphone aria-hidden="true" className="ui-icon" />
          {t("bar.broadcast", { body: latest.body })}
        </p>
      ) : null}
    </section>
  );
}
