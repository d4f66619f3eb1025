import {
  ATTRIBUTIONS,
  type Attribution,
  LIMITS,
  OUTCOME_KINDS,
  type OutcomeKind,
  type OutcomeView,
} from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { EyeOff } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { BeforeAfter } from "./BeforeAfter";
import { PENDING_PREFIX, panelOutcomes, settlePendingOutcome, withOutcome } from "./capture-state";
import { useCaptureStore } from "./capture-store";
import { errorMessage } from "./errors";
import { GroupShare } from "./GroupShare";
import { Heading } from "./Heading";
import { KindSelect } from "./KindSelect";
import { OutcomeItem } from "./OutcomeItem";
import { useSeriesInfo } from "./use-series-info";

export function OutcomesTab() {
  const { t } = useTranslation(["outcomes", "common"]);
  const { data, headingLevel, update, breakoutGroupId } = useCaptureStore();
  const info = useSeriesInfo(data.seriesId);
  const outcomes = panelOutcomes(data.outcomes, breakoutGroupId);
  const onChanged = (outcome: OutcomeView) => update((state) => withOutcome(state, outcome));
  return (
    <>
      {data.canModerate && (
        <p className="chatham-notice">
          <EyeOff aria-hidden="true" className="ui-icon" />
          <span>{t("chatham.moderatorNotice")}</span>
        </p>
      )}
      {breakoutGroupId && <GroupShare sessionId={data.sessionId} groupId={breakoutGroupId} />}
      <CaptureForm />
      {!breakoutGroupId && <BeforeAfter data={data} headingLevel={headingLevel} />}
      {outcomes.length === 0 && <p className="muted">{t("form.empty")}</p>}
      {OUTCOME_KINDS.map((kind) => {
        const items = outcomes.filter((o) => o.kind === kind);
        if (items.length === 0) return null;
        return (
          <section key={kind} className="outcome-group" aria-label={t(`kindPlural.${kind}`)}>
            <Heading level={headingLevel + 1}>
              {t(`kindPlural.${kind}`)} ({items.length})
            </Heading>
            <ul className="outcome-list">
              {items.map((outcome) => (
                <OutcomeItem
                  key={outcome.id}
                  outcome={outcome}
                  canModerate={data.canModerate}
                  candidates={outcomes}
                  themes={info.themes}
                  sessionPosition={info.sessionPosition}
                  onChanged={onChanged}
                  review={
                    kind === "action"
                      ? {
                          deadline: data.reviewDeadline,
                          view: data.reviews.find((r) => r.outcomeId === outcome.id),
                        }
                      : null
                  }
                  sessionId={data.sessionId}
                  inGroup={breakoutGroupId !== null}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function CaptureForm() {
  const { t } = useTranslation(["outcomes", "common"]);
  const { data, headingLevel, update, breakoutGroupId } = useCaptureStore();
  const trpc = useTRPC();
  const id = useId();
  const [kind, setKind] = useState<OutcomeKind>("problem");
  const [text, setText] = useState("");
  const [attribution, setAttribution] = useState<Attribution>(data.defaultAttribution);
  const [owner, setOwner] = useState("");
  const [dueDate, setDueDate] = useState("");
  const capture = useMutation(
    trpc.capture.outcome.capture.mutationOptions({
      // Optimistic: the item shows at once, marked as being saved, and is replaced by the real one.
      onMutate: (input) => {
        const pendingId = `${PENDING_PREFIX}${crypto.randomUUID()}`;
        const now = new Date().toISOString();
        const optimistic: OutcomeView = {
          id: pendingId,
          seriesId: data.seriesId,
          sessionId: data.sessionId,
          themeId: data.themeId,
          kind: input.kind,
          text: input.text,
          status: data.canModerate ? "confirmed" : "proposed",
          key: false,
          attribution: input.attribution ?? data.defaultAttribution,
          author: null,
          mine: true,
          owner: input.owner?.type === "organisation" ? input.owner : null,
          dueDate: input.dueDate ?? null,
          version: 0,
          mergedIntoId: null,
          provenance: [],
          links: [],
          notesAnchor: null,
          transcriptAnchor: null,
          // Keeps the pending item in its group's list until the server's version replaces it.
          group: breakoutGroupId
            ? { id: breakoutGroupId, name: "", question: { nl: "" }, sharedAt: null }
            : null,
          createdAt: now,
          updatedAt: now,
        };
        update((state) => withOutcome(state, optimistic));
        return { pendingId };
      },
      onSuccess: (outcome, _input, context) =>
        update((state) => settlePendingOutcome(state, context.pendingId, outcome)),
      onError: (_error, _input, context) => {
        if (!context) return;
        update((state) => settlePendingOutcome(state, context.pendingId, null));
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    capture.mutate(
      {
        sessionId: data.sessionId,
        kind,
        text,
        attribution,
        ...(breakoutGroupId ? { breakoutGroupId } : {}),
        ...(kind === "action" && owner.trim()
          ? { owner: { type: "organisation" as const, name: owner } }
          : {}),
        ...(kind === "action" && dueDate ? { dueDate } : {}),
      },
      {
        onSuccess: () => {
          setOwner("");
          setDueDate("");
        },
        onError: (_error, input) => setText(input.text),
      },
    );
    // Clear at once for a quick next entry; the text comes back only if saving fails.
    setText("");
  }

  return (
    <form className="capture-form" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <Heading level={headingLevel + 1} id={`${id}-heading`}>
        {t("form.heading")}
      </Heading>
      <div className="field-row">
        <KindSelect id={`${id}-kind`} label={t("form.kind")} value={kind} onChange={setKind} />
      </div>
      <label htmlFor={`${id}-text`}>{t("form.text")}</label>
      <textarea
        id={`${id}-text`}
        value={text}
        maxLength={LIMITS.outcomeText}
        rows={3}
        required
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
      />
      <p id={`${id}-hint`} className="hint">
        {t("form.textHint", { max: LIMITS.outcomeText })}
      </p>
      {kind === "action" && (
        <div className="field-row">
          <label htmlFor={`${id}-owner`}>{t("form.owner")}</label>
          <input
            id={`${id}-owner`}
            value={owner}
            maxLength={LIMITS.ownerName}
            onChange={(e) => setOwner(e.target.value)}
          />
          <label htmlFor={`${id}-due`}>{t("form.dueDate")}</label>
          <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
      )}
      <div className="field-row">
        <label htmlFor={`${id}-attribution`}>{t("attribution.label")}</label>
        <select
          id={`${id}-attribution`}
          aria-describedby={attribution === "chatham_house" ? `${id}-chatham` : undefined}
          value={attribution}
          onChange={(e) => setAttribution(e.target.value as Attribution)}
        >
          {ATTRIBUTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`attribution.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {attribution === "chatham_house" && (
        <p className="chatham-notice" id={`${id}-chatham`}>
          <EyeOff aria-hidden="true" className="ui-icon" />
          <span>{data.canModerate ? t("chatham.moderatorChoice") : t("chatham.memberChoice")}</span>
        </p>
      )}
      <button type="submit" className="primary">
        {data.canModerate ? t("form.submitModerator") : t("form.submitMember")}
      </button>
      {capture.isError && (
        <p role="alert" className="error">
          {t("form.error", { message: errorMessage(capture.error, t("common:error.generic")) })}
        </p>
      )}
    </form>
  );
}
