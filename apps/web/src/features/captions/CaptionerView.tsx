import { CAPTION_INTERIM_INTERVAL_MS, CAPTION_TEXT_MAX } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/ui";
import { useTRPC } from "../../lib/trpc";
import { useRoster } from "../room/room-context";
import { captionStore } from "./caption-store";

/** Sound and situation tags, in the caption language: what a schrijftolk types most besides speech. */
const TAGS = ["applause", "inaudible", "laughter", "silence"] as const;
/** Alt + this key inserts the tag (by `code`, so the keyboard layout and macOS's Alt characters do not matter). */
const TAG_KEYS: Record<(typeof TAGS)[number], string> = {
  applause: "KeyA",
  inaudible: "KeyU",
  laughter: "KeyL",
  silence: "KeyS",
};
const CAPTION_LANGUAGES = ["nl", "en"] as const;

interface Pending {
  key: string;
  text: string;
  language: string;
  speakerParticipantId: string | null;
  failed: boolean;
}

/**
 * The captioner's typing view, made for speed: Enter sends the line and empties the field at once
 * (the next sentence is already being spoken), lines go out one after the other in order, and a
 * line that failed stays listed to send again under the same key (so it is never stored twice).
 */
export function CaptionerView({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("captions");
  const trpc = useTRPC();
  const roster = useRoster();
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState("");
  const [language, setLanguage] = useState<string>("nl");
  const [speaker, setSpeaker] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const send = useMutation(trpc.captions.send.mutationOptions());
  const interim = useMutation(trpc.captions.interim.mutationOptions());
  // Who may speak: brought on stage, or speaking by role (as the server's canPublishIn decides).
  const onStage = useMemo(
    () => roster.entries.filter((e) => !e.removed && (e.onStage || e.role !== "member")).slice(0, 9),
    [roster.entries],
  );

  // Interim text at most every CAPTION_INTERIM_INTERVAL_MS, the latest text winning.
  const interimState = useRef({ last: 0, timer: 0 as ReturnType<typeof setTimeout> | 0, text: "" });
  const pushInterim = (value: string) => {
    const state = interimState.current;
    state.text = value;
    if (state.timer) return;
    const wait = Math.max(0, state.last + CAPTION_INTERIM_INTERVAL_MS - Date.now());
    state.timer = setTimeout(() => {
      state.timer = 0;
      state.last = Date.now();
      interim.mutate({ sessionId, text: state.text.slice(0, CAPTION_TEXT_MAX), language });
    }, wait);
  };
  useEffect(() => () => clearTimeout(interimState.current.timer || undefined), []);

  // One line at a time, in the order typed.
  const sending = useRef(false);
  useEffect(() => {
    const next = pending.find((p) => !p.failed);
    if (!next || sending.current) return;
    sending.current = true;
    send
      .mutateAsync({
        sessionId,
        text: next.text,
        language: next.language,
        speakerParticipantId: next.speakerParticipantId,
        clientKey: next.key,
      })
      .then((answer) => {
        sending.current = false;
        captionStore(sessionId).addLines([answer.line]);
        setPending((list) => list.filter((p) => p.key !== next.key));
      })
      .catch(() => {
        sending.current = false;
        setPending((list) => list.map((p) => (p.key === next.key ? { ...p, failed: true } : p)));
      });
  }, [pending, send, sessionId]);

  const submit = () => {
    const line = text.replace(/\s+/g, " ").trim();
    if (!line) return;
    clearTimeout(interimState.current.timer || undefined);
    interimState.current.timer = 0;
    setPending((list) => [
      ...list,
      { key: crypto.randomUUID(), text: line, language, speakerParticipantId: speaker, failed: false },
    ]);
    setText("");
  };

  const insertTag = (tag: (typeof TAGS)[number]) => {
    const label = t(`tags.${tag}`, { lng: language });
    const input = inputRef.current;
    const start = input?.selectionStart ?? text.length;
    const end = input?.selectionEnd ?? text.length;
    const before = text.slice(0, start);
    const spaced = `${before && !before.endsWith(" ") ? " " : ""}${label} `;
    const next = `${before}${spaced}${text.slice(end)}`;
    setText(next);
    pushInterim(next);
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + spaced.length, start + spaced.length);
    });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
      return;
    }
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const digit = /^Digit([0-9])$/.exec(event.code)?.[1];
    if (digit !== undefined) {
      event.preventDefault();
      setSpeaker(digit === "0" ? null : (onStage[Number(digit) - 1]?.participantId ?? speaker));
      return;
    }
    const tag = TAGS.find((candidate) => TAG_KEYS[candidate] === event.code);
    if (tag) {
      event.preventDefault();
      insertTag(tag);
    }
  };

  const speakerName = onStage.find((e) => e.participantId === speaker)?.name ?? null;
  const failed = pending.filter((p) => p.failed);
  return (
    <section className="panel captioner" aria-labelledby={`${inputId}-heading`}>
      <h3 id={`${inputId}-heading`}>{t("captioner.heading")}</h3>
      <label htmlFor={inputId} className="ui-label">
        {speakerName ? t("captioner.inputFor", { name: speakerName }) : t("captioner.input")}
      </label>
      <textarea
        id={inputId}
        ref={inputRef}
        className="ui-input captioner-input"
        rows={3}
        maxLength={CAPTION_TEXT_MAX}
        value={text}
        aria-describedby={hintId}
        onChange={(e) => {
          setText(e.target.value);
          pushInterim(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="ui-hint">
        {t("captioner.hint")}
      </p>
      <fieldset className="captioner-speakers">
        <legend>{t("captioner.speaker")}</legend>
        <button
          type="button"
          className="room-chip captioner-chip"
          aria-pressed={speaker === null}
          onClick={() => setSpeaker(null)}
        >
          {t("captioner.noSpeaker")} <kbd>Alt+0</kbd>
        </button>
        {onStage.map((entry, index) => (
          <button
            key={entry.participantId}
            type="button"
            className="room-chip captioner-chip"
            aria-pressed={speaker === entry.participantId}
            onClick={() => setSpeaker(entry.participantId)}
          >
            {entry.name} <kbd>Alt+{index + 1}</kbd>
          </button>
        ))}
      </fieldset>
      <fieldset className="captioner-tags">
        <legend>{t("captioner.tags")}</legend>
        {TAGS.map((tag) => (
          <button key={tag} type="button" className="room-chip captioner-chip" onClick={() => insertTag(tag)}>
            {t(`tags.${tag}`, { lng: language })} <kbd>Alt+{TAG_KEYS[tag].slice(3)}</kbd>
          </button>
        ))}
      </fieldset>
      <Select
        label={t("captioner.language")}
        options={CAPTION_LANGUAGES.map((id) => ({ id, label: t(`languages.${id}`) }))}
        selectedKey={language}
        onSelectionChange={(key) => setLanguage(String(key))}
      />
      {failed.length > 0 ? (
        <div role="alert" className="captioner-failed">
          <p>{t("captioner.failed", { count: failed.length })}</p>
          <ul>
            {failed.map((p) => (
              <li key={p.key}>{p.text}</li>
            ))}
          </ul>
          <button
            type="button"
            className="room-chip captioner-chip"
            onClick={() => setPending((list) => list.map((p) => ({ ...p, failed: false })))}
          >
            {t("captioner.retry")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
