import { type ActionReviewView, type OutcomeView, pickLocale } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, useLocale } from "../../lib/locale";
import { usePersonName } from "../../lib/person-name";
import { useTRPC } from "../../lib/trpc";
import { ReviewControls } from "./BeforeAfter";
import { isPending } from "./capture-state";
import { conflictOf, errorCode, errorMessage } from "./errors";
import { Markdown } from "./Markdown";

const SECONDS: Intl.DateTimeFormatOptions = {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};

interface Props {
  outcome: OutcomeView;
  canModerate: boolean;
  /** Items it may be linked to or merged with. */
  candidates: OutcomeView[];
  themes: Array<{ id: string; title: string }>;
  sessionPosition: (sessionId: string) => number;
  onChanged: (outcome: OutcomeView) => void;
  /** For actions: the review window and its current tally. */
  review?: { deadline: string | null; view: ActionReviewView | undefined } | null;
  /** The session the list belongs to; items from other sessions say where they come from. */
  sessionId?: string;
  /** Listed in its own group's panel: the group goes without saying there. */
  inGroup?: boolean;
}

export function OutcomeItem({
  outcome,
  canModerate,
  candidates,
  themes,
  sessionPosition,
  onChanged,
  review,
  sessionId,
  inGroup = false,
}: Props) {
  const { t } = useTranslation(["outcomes", "common"]);
  const locale = useLocale();
  const personName = usePersonName();
  const trpc = useTRPC();
  const id = useId();
  const pending = isPending(outcome);
  const [mode, setMode] = useState<"view" | "edit" | "link" | "merge">("view");
  const scope = { sessionId: outcome.sessionId, outcomeId: outcome.id };
  const options = { onSuccess: onChanged };
  const setStatus = useMutation(trpc.capture.outcome.setStatus.mutationOptions(options));
  const update = useMutation(trpc.capture.outcome.update.mutationOptions(options));
  const link = useMutation(trpc.capture.outcome.link.mutationOptions(options));
  const merge = useMutation(trpc.capture.outcome.merge.mutationOptions(options));
  const failed = [setStatus, link, merge].find((m) => m.isError);
  const others = candidates.filter((c) => c.id !== outcome.id && !isPending(c) && c.status !== "rejected");
  const headingId = `${id}-text`;

  return (
    <li
      className={`outcome outcome-${outcome.status}${outcome.key ? " outcome-key" : ""}`}
      aria-labelledby={headingId}
    >
      <p className="badges">
        <span className={`badge kind-${outcome.kind}`}>{t(`kind.${outcome.kind}`)}</span>{" "}
        <span className="badge">{pending ? t("status.pending") : t(`status.${outcome.status}`)}</span>
        {outcome.key && <span className="badge badge-key"> {t("item.key")}</span>}
        {outcome.mine && <span className="badge"> {t("item.mine")}</span>}
        {outcome.group && outcome.group.sharedAt === null && !pending && (
          <span className="badge"> {t("item.notShared")}</span>
        )}
        {sessionId !== outcome.sessionId && (
          <span className="badge">
            {" "}
            {t("item.fromSession", { position: sessionPosition(outcome.sessionId) })}
          </span>
        )}
      </p>
      <div id={headingId} className="outcome-text">
        <Markdown text={outcome.text} />
      </div>
      <p className="meta">
        {outcome.author && <span>{t("item.by", { name: personName.withOrganisation(outcome.author) })}</span>}
        {outcome.attribution === "chatham_house" && (outcome.author || outcome.mine) && (
          <span className="chatham-mark">
            {" "}
            · {outcome.author ? t("chatham.onlyModeratorsSee") : t("chatham.yourNameOnlyModerators")}
          </span>
        )}
        {outcome.owner && <span> · {t("item.owner", { name: personName.name(outcome.owner) })}</span>}
        {outcome.dueDate && <span> · {t("item.due", { date: formatDate(outcome.dueDate, locale) })}</span>}
        {outcome.provenance.length > 1 && (
          <span> · {t("item.sources", { count: outcome.provenance.length })}</span>
        )}
      </p>
      {outcome.group && !inGroup && (
        <p className="meta outcome-group-provenance">
          {t("item.fromGroup", {
            name: outcome.group.name,
            question: pickLocale(outcome.group.question, locale),
          })}
        </p>
      )}
      {outcome.notesAnchor && (
        <p className="meta">{t("item.fromNotes", { quote: outcome.notesAnchor.quote })}</p>
      )}
      {outcome.transcriptAnchor && (
        <p className="meta">
          {t("item.fromTranscript", {
            from: formatDateTime(outcome.transcriptAnchor.startAt, locale, SECONDS),
            to: formatDateTime(outcome.transcriptAnchor.endAt, locale, SECONDS),
          })}
        </p>
      )}
      {outcome.links.length > 0 && (
        <div className="links">
          <p className="meta">{t("item.links")}:</p>
          <ul>
            {outcome.links.map((l) => (
              <li key={l.id}>
                <span className="badge">{t(`kind.${l.kind}`)}</span> {l.text}
                {l.sessionId !== outcome.sessionId &&
                  ` (${t("item.fromSession", { position: sessionPosition(l.sessionId) })})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {review && outcome.kind === "action" && !pending && (
        <ReviewControls outcome={outcome} deadline={review.deadline} view={review.view} />
      )}
      {canModerate && !pending && outcome.status !== "merged" && (
        <div className="moderation">
          {outcome.status === "proposed" && (
            <button type="button" onClick={() => setStatus.mutate({ ...scope, status: "confirmed" })}>
              {t("moderate.confirm")}
            </button>
          )}
          {outcome.status !== "rejected" ? (
            <button type="button" onClick={() => setStatus.mutate({ ...scope, status: "rejected" })}>
              {t("moderate.reject")}
            </button>
          ) : (
            <button type="button" onClick={() => setStatus.mutate({ ...scope, status: "proposed" })}>
              {t("moderate.reopen")}
            </button>
          )}
          <button
            type="button"
            aria-pressed={outcome.key}
            onClick={() => update.mutate({ ...scope, expectedVersion: outcome.version, key: !outcome.key })}
          >
            {outcome.key ? t("moderate.unmarkKey") : t("moderate.markKey")}
          </button>
          <button
            type="button"
            aria-expanded={mode === "edit"}
            onClick={() => setMode(mode === "edit" ? "view" : "edit")}
          >
            {t("moderate.edit")}
          </button>
          <button
            type="button"
            aria-expanded={mode === "link"}
            onClick={() => setMode(mode === "link" ? "view" : "link")}
          >
            {t("moderate.link")}
          </button>
          <button
            type="button"
            aria-expanded={mode === "merge"}
            onClick={() => setMode(mode === "merge" ? "view" : "merge")}
          >
            {t("moderate.merge")}
          </button>
        </div>
      )}
      {mode === "edit" && (
        <EditForm
          outcome={outcome}
          themes={themes}
          onDone={(o) => {
            onChanged(o);
            setMode("view");
          }}
          onCancel={() => setMode("view")}
        />
      )}
      {(mode === "link" || mode === "merge") && (
        <PickForm
          label={t(mode === "link" ? "moderate.linkLabel" : "moderate.mergeLabel", {
            text: outcome.text.slice(0, 60),
          })}
          submit={t(mode === "link" ? "moderate.linkSubmit" : "moderate.mergeSubmit")}
          candidates={
            mode === "link" ? others.filter((o) => !outcome.links.some((l) => l.id === o.id)) : others
          }
          sessionPosition={sessionPosition}
          onPick={(otherId) => {
            if (mode === "link") link.mutate({ ...scope, otherId }, { onSuccess: () => setMode("view") });
            else merge.mutate({ ...scope, duplicateId: otherId }, { onSuccess: () => setMode("view") });
          }}
        />
      )}
      {failed?.error && (
        <p role="alert" className="error">
          {t("form.error", { message: errorMessage(failed.error, t("common:error.generic")) })}
        </p>
      )}
    </li>
  );
}

function PickForm({
  label,
  submit,
  candidates,
  sessionPosition,
  onPick,
}: {
  label: string;
  submit: string;
  candidates: OutcomeView[];
  sessionPosition: (sessionId: string) => number;
  onPick: (id: string) => void;
}) {
  const { t } = useTranslation(["outcomes", "common"]);
  const id = useId();
  const [choice, setChoice] = useState("");
  return (
    <form
      className="pick-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onPick(choice);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)} required>
        <option value="">{t("moderate.choose")}</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {t(`kind.${c.kind}`)} · {t("item.fromSession", { position: sessionPosition(c.sessionId) })} ·{" "}
            {c.text.slice(0, 80)}
          </option>
        ))}
      </select>
      <button type="submit">{submit}</button>
    </form>
  );
}

/**
 * Edits the text, kind or theme, naming the version it started from. When someone else saved first,
 * the server says so with the newer item: we show it and keep this moderator's text, so they can
 * merge the two by hand and save on top of the newer version.
 */
function EditForm({
  outcome,
  themes,
  onDone,
  onCancel,
}: {
  outcome: OutcomeView;
  themes: Array<{ id: string; title: string }>;
  onDone: (outcome: OutcomeView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(["outcomes", "common"]);
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState(outcome.text);
  const [themeId, setThemeId] = useState(outcome.themeId);
  const [base, setBase] = useState(outcome);
  const [theirs, setTheirs] = useState<OutcomeView | null>(null);
  const update = useMutation(trpc.capture.outcome.update.mutationOptions());
  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      {
        sessionId: outcome.sessionId,
        outcomeId: outcome.id,
        expectedVersion: base.version,
        ...(text !== base.text ? { text } : {}),
        ...(themeId !== base.themeId ? { themeId } : {}),
      },
      {
        onSuccess: onDone,
        onError: (error) => {
          const newer = errorCode(error) === "CONFLICT" ? conflictOf<OutcomeView>(error) : null;
          if (newer) {
            setTheirs(newer);
            setBase(newer);
          }
        },
      },
    );
  }
  return (
    <form className="edit-form" onSubmit={save}>
      {theirs && (
        <div role="alert" className="conflict">
          <p>{t("moderate.conflict")}</p>
          <p>
            <strong>{t("moderate.theirs")}:</strong> {theirs.text}
          </p>
        </div>
      )}
      <label htmlFor={`${id}-text`}>{t("form.text")}</label>
      <textarea id={`${id}-text`} value={text} rows={3} onChange={(e) => setText(e.target.value)} />
      {themes.length > 0 && (
        <>
          <label htmlFor={`${id}-theme`}>{t("moderate.theme")}</label>
          <select id={`${id}-theme`} value={themeId} onChange={(e) => setThemeId(e.target.value)}>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.title}
              </option>
            ))}
          </select>
        </>
      )}
      <div className="moderation">
        <button type="submit" className="primary">
          {t("moderate.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("moderate.cancel")}
        </button>
      </div>
      {update.isError && errorCode(update.error) !== "CONFLICT" && (
        <p role="alert" className="error">
          {t("form.error", { message: errorMessage(update.error, t("common:error.generic")) })}
        </p>
      )}
    </form>
  );
}
