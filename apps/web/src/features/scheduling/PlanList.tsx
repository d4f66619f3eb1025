import type { RouterOutputs } from "@reeks/api";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Select } from "../../components/ui";
import { formatDateTime, useLocale } from "../../lib/locale";
import { ConfirmPlanDialog } from "./ConfirmPlanDialog";
import { AccessError, fieldErrorsOf, type PollView, sessionHeading, useSlotLabel } from "./shared";
import { byPerson, ifNeedBeSentence, whoMissesSentence } from "./who-misses";

/** Beyond this many people a plan's sentence would be a wall of names: count them, names on request. */
const MAX_NAMED = 8;

type Suggestion = RouterOutputs["scheduling"]["suggest"];

/** The recommended plan, the alternatives, and a way to pick the dates by hand. */
export function PlanList(props: {
  view: PollView;
  suggestion: Suggestion | undefined;
  loading: boolean;
  confirming: boolean;
  error: unknown;
  onConfirm: (slotIds: string[]) => void;
}) {
  const { t } = useTranslation(["scheduling", "common"]);
  const locale = useLocale();
  const { view, suggestion } = props;
  const slotLabel = useSlotLabel(view.timeZone);
  const [manual, setManual] = useState<Record<string, string>>({});
  // The slots waiting for the organiser's "yes" in the dialog.
  const [pending, setPending] = useState<string[] | null>(null);
  const [changing, setChanging] = useState(false);
  const errors = fieldErrorsOf(props.error);
  const confirmed = view.poll?.status === "confirmed";
  const positionOf = (sessionId: string) => view.sessions.find((s) => s.id === sessionId)?.position;
  const slotsById = new Map(view.sessions.flatMap((s) => s.slots.map((slot) => [slot.id, slot] as const)));

  function submitManual(event: FormEvent) {
    event.preventDefault();
    const chosen = view.sessions.map((s) => manual[s.id] ?? "");
    // The browser already names the empty field (the selects are required); a partial plan is never sent.
    if (chosen.every(Boolean)) setPending(chosen);
  }

  const dialog = pending && (
    <ConfirmPlanDialog
      lines={pending.map((id, i) => {
        const session = view.sessions[i];
        const slot = slotsById.get(id);
        return `${session ? sessionHeading(t, session, locale) : ""}: ${slot ? slotLabel(slot) : ""}`;
      })}
      recipients={view.people.map((p) => p.name)}
      rescheduling={confirmed}
      busy={props.confirming}
      onConfirm={() => {
        props.onConfirm(pending);
        setPending(null);
        setChanging(false);
      }}
      onCancel={() => setPending(null)}
    />
  );

  if (confirmed && !changing) {
    return (
      <section aria-labelledby="plan-heading" className="confirmed-plan">
        <h2 id="plan-heading" tabIndex={-1}>
          {t("scheduling:planning.confirmedHeading")}
        </h2>
        <p>{t("scheduling:planning.confirmedIntro")}</p>
        <ol>
          {view.sessions.map((session) => (
            <li key={session.id}>
              <strong>{sessionHeading(t, session, locale)}</strong>:{" "}
              {session.startsAt
                ? formatDateTime(session.startsAt, locale, {
                    weekday: "long",
                    day: "numeric",
                    month: "long",
                    year: "numeric",
                    hour: "2-digit",
                    minute: "2-digit",
                    timeZone: view.timeZone,
                  })
                : t("scheduling:planning.notScheduled")}
            </li>
          ))}
        </ol>
        <Button onPress={() => setChanging(true)}>{t("scheduling:planning.changePlan")}</Button>
      </section>
    );
  }

  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t("scheduling:planning.planHeading")}</h2>
      {dialog}
      {confirmed && <Button onPress={() => setChanging(false)}>{t("scheduling:planning.keepPlan")}</Button>}
      {props.loading && <p role="status">{t("common:loading")}</p>}
      {suggestion && suggestion.sessionsWithoutSlots.length > 0 && (
        <p>{t("scheduling:planning.needSlots")}</p>
      )}
      {suggestion && suggestion.sessionsWithoutSlots.length === 0 && suggestion.plans.length === 0 && (
        <p>{t("scheduling:planning.noPlan")}</p>
      )}
      {suggestion?.plans.map((plan, index) => {
        const headingId = `plan-${index}`;
        const ifNeedBe = ifNeedBeSentence(t, locale, plan.ifNeedBe, positionOf);
        return (
          <article
            key={plan.slots.map((s) => s.id).join()}
            className={`plan ${index === 0 ? "plan-recommended" : ""}`}
            aria-labelledby={headingId}
          >
            <h3 id={headingId}>
              {index === 0
                ? t("scheduling:planning.planHeading")
                : t("scheduling:planning.alternativeHeading", { n: index })}
            </h3>
            <p className="plan-score">
              {t("scheduling:planning.planScore", {
                full: plan.score.fullAttendance,
                respondents: suggestion.respondents,
                ifNeedBe: plan.score.ifNeedBe,
                attendance: plan.score.attendance,
              })}
            </p>
            <ol className="plan-dates">
              {plan.slots.map((slot, i) => {
                const session = view.sessions[i];
                return (
                  <li key={slot.id}>
                    <strong>{session ? sessionHeading(t, session, locale) : ""}</strong>
                    <span className="plan-date">{slotLabel(slot)}</span>
                  </li>
                );
              })}
            </ol>
            {byPerson(plan.missing, positionOf).length > MAX_NAMED ? (
              <>
                <p className="plan-missing">
                  {t("scheduling:planning.manyMiss", { count: byPerson(plan.missing, positionOf).length })}
                </p>
                <details className="plan-who">
                  <summary>{t("scheduling:planning.showWho")}</summary>
                  <p>{whoMissesSentence(t, locale, plan.missing, positionOf)}</p>
                  {ifNeedBe && <p>{ifNeedBe}</p>}
                </details>
              </>
            ) : (
              <>
                <p className="plan-missing">{whoMissesSentence(t, locale, plan.missing, positionOf)}</p>
                {ifNeedBe && <p className="plan-if-need-be">{ifNeedBe}</p>}
              </>
            )}
            <Button
              variant={index === 0 ? "primary" : "secondary"}
              isDisabled={props.confirming}
              onPress={() => setPending(plan.slots.map((s) => s.id))}
              aria-describedby={headingId}
            >
              {t("scheduling:planning.confirmPlan")}
            </Button>
          </article>
        );
      })}
      {view.sessions.every((s) => s.slots.length > 0) && (
        <form onSubmit={submitManual} className="plan-manual" aria-labelledby="manual-heading">
          <h3 id="manual-heading">{t("scheduling:planning.manualHeading")}</h3>
          <div className="manual-pick-fields">
            {view.sessions.map((session) => (
              <Select
                key={session.id}
                label={t("scheduling:planning.manualSession", { position: session.position })}
                placeholder={t("scheduling:planning.choose")}
                options={session.slots.map((slot) => ({ id: slot.id, label: slotLabel(slot) }))}
                selectedKey={manual[session.id] ?? null}
                onSelectionChange={(key) => setManual((m) => ({ ...m, [session.id]: String(key) }))}
                isRequired
              />
            ))}
          </div>
          <Button type="submit" isDisabled={props.confirming}>
            {t("scheduling:planning.confirmManual")}
          </Button>
        </form>
      )}
      {Object.keys(errors).length > 0 ? (
        <p className="field-error" role="alert">
          {Object.values(errors).flat().join(" ")}
        </p>
      ) : props.error ? (
        <AccessError error={props.error} />
      ) : null}
    </section>
  );
}
