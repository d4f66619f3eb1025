import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { AccessError, FieldError, fieldErrorsOf, type PollView } from "./shared";

/** Deadline, gaps between sessions, sharing of answers and required participants. */
export function SettingsForm({ view, onSaved }: { view: PollView; onSaved: (message: string) => void }) {
  const { t } = useTranslation("scheduling");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deadline, setDeadline] = useState(view.poll?.deadlineDate ?? "");
  const [minGap, setMinGap] = useState(String(view.poll?.minGapDays ?? 14));
  const [maxGap, setMaxGap] = useState(view.poll?.maxGapDays == null ? "" : String(view.poll.maxGapDays));
  const [showAnswers, setShowAnswers] = useState(view.poll?.showAnswersToMembers ?? false);
  const [required, setRequired] = useState<string[]>(view.poll?.requiredParticipantIds ?? []);
  const save = useMutation(
    trpc.scheduling.saveSettings.mutationOptions({
      onSuccess: async () => {
        onSaved(t("planning.settingsSaved"));
        await queryClient.invalidateQueries({ queryKey: trpc.scheduling.pathKey() });
      },
    }),
  );
  const errors = fieldErrorsOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      seriesId: view.seriesId,
      deadline,
      minGapDays: Number(minGap),
      maxGapDays: maxGap.trim() === "" ? null : Number(maxGap),
      showAnswersToMembers: showAnswers,
      requiredParticipantIds: required,
    });
  }

  const described = (field: string) =>
    errors[field] ? { "aria-describedby": `error-${field}`, "aria-invalid": true } : {};
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t("planning.settingsHeading")}</h2>
      <form onSubmit={submit} className="settings-form" noValidate>
        <label>
          {t("planning.deadline")}
          <input
            type="date"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            {...described("deadline")}
          />
        </label>
        <FieldError id="error-deadline" messages={errors.deadline} />
        <label>
          {t("planning.minGap")}
          <input
            type="number"
            min={0}
            max={365}
            value={minGap}
            onChange={(e) => setMinGap(e.target.value)}
            {...described("minGapDays")}
          />
        </label>
        <FieldError id="error-minGapDays" messages={errors.minGapDays} />
        <label>
          {t("planning.maxGap")}
          <input
            type="number"
            min={0}
            max={365}
            value={maxGap}
            onChange={(e) => setMaxGap(e.target.value)}
            {...described("maxGapDays")}
          />
        </label>
        <FieldError id="error-maxGapDays" messages={errors.maxGapDays} />
        <label className="checkbox">
          <input type="checkbox" checked={showAnswers} onChange={(e) => setShowAnswers(e.target.checked)} />{" "}
          {t("planning.showAnswers")}
        </label>
        <fieldset>
          <legend>{t("planning.required")}</legend>
          {view.people.map((person) => (
            <label key={person.participantId} className="checkbox">
              <input
                type="checkbox"
                checked={required.includes(person.participantId)}
                onChange={(e) =>
                  setRequired((r) =>
                    e.target.checked
                      ? [...r, person.participantId]
                      : r.filter((id) => id !== person.participantId),
                  )
                }
              />{" "}
              {person.name}
            </label>
          ))}
        </fieldset>
        <FieldError id="error-requiredParticipantIds" messages={errors.requiredParticipantIds} />
        {save.isError && Object.keys(errors).length === 0 && <AccessError error={save.error} />}
        <button type="submit" disabled={save.isPending}>
          {t("planning.saveSettings")}
        </button>
      </form>
    </section>
  );
}
