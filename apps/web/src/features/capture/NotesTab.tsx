import { LIMITS, type OutcomeKind } from "@reeks/models";
import { NotesSync, toBase64 } from "@reeks/models/notes-sync";
import { useMutation } from "@tanstack/react-query";
import { type ChangeEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { useCaptureStore } from "./capture-store";
import { errorMessage } from "./errors";
import { Heading } from "./Heading";
import { KindSelect } from "./KindSelect";
import { NoteTakers } from "./NoteTakers";

type SaveState = "saved" | "saving" | "offline";

/** Replaces only what changed, so concurrent writers elsewhere in the text are left alone. */
function applyTextChange(text: Y.Text, before: string, after: string) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  text.doc?.transact(() => {
    if (endBefore > start) text.delete(start, endBefore - start);
    if (endAfter > start) text.insert(start, after.slice(start, endAfter));
  });
}

/**
 * The session's running notes: a Yjs document synced through our API. Moderators and designated
 * note-takers write (several at once); everyone else reads along. A selected passage becomes an
 * outcome in one step, linked to the passage by Yjs relative positions.
 */
export function NotesTab() {
  const { t } = useTranslation(["outcomes", "common"]);
  const { data, notesFeed, headingLevel, breakoutGroupId } = useCaptureStore();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const id = useId();
  const sessionId = data.sessionId;
  // A group's notes: the same editor on the group's own document.
  const scope = breakoutGroupId ? { sessionId, breakoutGroupId } : { sessionId };
  const [sync] = useState(
    () =>
      new NotesSync({
        load: () => client.capture.notes.get.query(scope),
        push: async (update) => {
          await client.capture.notes.push.mutate({ ...scope, update });
        },
        // The panel's own stream carries the updates (replayed from its start), so no second connection.
        subscribe: (_cursor, onUpdate) => ({ unsubscribe: notesFeed.subscribe(breakoutGroupId, onUpdate) }),
      }),
  );
  // Everyone in a group writes its notes; the session's are for moderators and note-takers.
  const canWrite = breakoutGroupId ? true : data.canTakeNotes;
  const editorLabel = t(breakoutGroupId ? "notes.groupEditorLabel" : "notes.editorLabel");
  const [text, setText] = useState("");
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [kind, setKind] = useState<OutcomeKind>("insight");
  const [liftError, setLiftError] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);
  const selection = useRef<{ start: Y.RelativePosition; end: Y.RelativePosition } | null>(null);
  const restore = useRef<{ start: number; end: number } | null>(null);
  const lift = useMutation(trpc.capture.notes.toOutcome.mutationOptions());

  useEffect(() => {
    const observer = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
      // Someone else's typing: keep this writer's cursor where it was in the text, not at an index.
      if (!transaction.local && selection.current && document.activeElement === area.current) {
        const start = Y.createAbsolutePositionFromRelativePosition(selection.current.start, sync.doc)?.index;
        const end = Y.createAbsolutePositionFromRelativePosition(selection.current.end, sync.doc)?.index;
        if (start !== undefined && end !== undefined) restore.current = { start, end };
      }
      setText(sync.text.toString());
    };
    sync.text.observe(observer);
    setText(sync.text.toString());
    sync.connect().catch(() => setSaveState("offline"));
    // Retry what could not be sent, and reconnect after a failed start.
    const retry = setInterval(() => {
      if (!sync.connected)
        sync.connect().then(
          () => setSaveState(sync.unsent ? "offline" : "saved"),
          () => {},
        );
      else if (sync.unsent) sync.flush().then(() => setSaveState(sync.unsent ? "offline" : "saved"));
    }, 5000);
    return () => {
      clearInterval(retry);
      sync.text.unobserve(observer);
      void sync.flush().finally(() => sync.disconnect());
    };
  }, [sync]);

  useLayoutEffect(() => {
    if (restore.current && area.current) {
      area.current.setSelectionRange(restore.current.start, restore.current.end);
      restore.current = null;
    }
  });

  function rememberSelection() {
    const el = area.current;
    if (!el) return;
    selection.current = {
      start: Y.createRelativePositionFromTypeIndex(sync.text, el.selectionStart),
      end: Y.createRelativePositionFromTypeIndex(sync.text, el.selectionEnd),
    };
  }

  function onChange(event: ChangeEvent<HTMLTextAreaElement>) {
    const after = event.target.value.slice(0, LIMITS.notesText);
    applyTextChange(sync.text, sync.text.toString(), after);
    rememberSelection();
    setSaveState("saving");
    sync.flush().then(() => setSaveState(sync.unsent ? "offline" : "saved"));
  }

  function liftPassage() {
    const el = area.current;
    if (!el || el.selectionStart === el.selectionEnd) {
      setLiftError(t("notes.selectFirst"));
      return;
    }
    setLiftError("");
    const encode = (index: number) =>
      toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(sync.text, index)));
    lift.mutate({
      ...scope,
      kind,
      text: el.value.slice(el.selectionStart, el.selectionEnd),
      start: encode(el.selectionStart),
      end: encode(el.selectionEnd),
    });
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <Heading level={headingLevel + 1} id={`${id}-heading`}>
        {t(breakoutGroupId ? "notes.groupHeading" : "notes.heading")}
      </Heading>
      {canWrite ? (
        <>
          <label htmlFor={`${id}-notes`}>{editorLabel}</label>
          <textarea
            id={`${id}-notes`}
            ref={area}
            className="notes-editor"
            value={text}
            rows={14}
            aria-describedby={`${id}-state`}
            onChange={onChange}
            onSelect={rememberSelection}
          />
          <p id={`${id}-state`} className="meta" role="status">
            {t(`notes.${saveState}`)}
          </p>
          <div className="field-row">
            <KindSelect id={`${id}-kind`} label={t("notes.toOutcome")} value={kind} onChange={setKind} />
            <button type="button" onClick={liftPassage}>
              {t("notes.liftSubmit")}
            </button>
          </div>
          {lift.isSuccess && <p role="status">{t("notes.lifted")}</p>}
          {(liftError || lift.isError) && (
            <p role="alert" className="error">
              {liftError || errorMessage(lift.error, t("common:error.generic"))}
            </p>
          )}
        </>
      ) : (
        <>
          <p className="muted">{t("notes.readOnly")}</p>
          <div className="notes-readonly" aria-label={editorLabel} role="document">
            {text || <span className="muted">{t("notes.empty")}</span>}
          </div>
        </>
      )}
      {data.canModerate && !breakoutGroupId && (
        <NoteTakers sessionId={sessionId} headingLevel={headingLevel + 2} />
      )}
    </section>
  );
}
