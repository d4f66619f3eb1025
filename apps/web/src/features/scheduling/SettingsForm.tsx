import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, TextField } from "../../components/ui";
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

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t("planning.settingsHeading")}</h2>
      <form onSubmit={submit} className="poll-settings" noValidate>
        <div className="settings-fields">
          <TextField
            label={t("planning.deadline")}
            type="date"
            value={deadline}
            onChange={setDeadline}
            errorMessage={errors.deadline?.join(" ")}
          />
          <TextField
            label={t("planning.minGap")}
            type="number"
            inputMode="numeric"
            value={minGap}
            onChange={setMinGap}
            errorMessage={errors.minGapDays?.join(" ")}
          />
          <TextField
            label={t("planning.maxGap")}
            type="number"
            inputMode="numeric"
            value={maxGap}
            onChange={setMaxGap}
            errorMessage={errors.maxGapDays?.join(" ")}
          />
        </div>
        <Checkbox isSelected={showAnswers} onChange={setShowAnswers}>
          {t("planning.showAnswers")}
        </Checkbox>
        <details className="required-people" open={view.people.length <= 12}>
          <summary>
            {t("planning.required")}: {t("planning.requiredChosen", { count: required.length })}
          </summary>
          <fieldset className="required-people-list">
            <legend className="visually-hidden">{t("planning.required")}</legend>
            {view.people.map((person) => (
              <Checkbox
                key={person.participantId}
                isSelected={required.includes(person.participantId)}
                onChange={(checked) =>
                  setRequired((r) =>
                    checked ? [...r, person.participantId] : r.filter((id) => id !== person.participantId),
                  )
                }
              >
                {person.name}
              </Checkbox>
            ))}
          </fieldset>
        </details>
        <FieldError id="error-requiredParticipantIds" messages={errors.requiredParticipantIds} />
        {save.isError && Object.keys(errors).length === 0 && <AccessError error={save.error} />}
        <Button type="submit" variant="primary" isDisabled={save.isPending}>
          {t("planning.saveSettings")}
        </Button>
      </form>
    </section>
  );
}
