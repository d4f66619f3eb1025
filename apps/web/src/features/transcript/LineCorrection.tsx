import { zodResolver } from "@hookform/resolvers/zod";
import { CAPTION_TEXT_MAX, type TranscriptLineView } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { Button } from "../../components/ui";
import { fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { errorMessage } from "../capture/errors";
import { useLineTime } from "./transcript-helpers";

const correctionForm = z.object({ text: z.string().trim().min(1).max(CAPTION_TEXT_MAX) });
type CorrectionValues = z.infer<typeof correctionForm>;

/** An organiser's correction of one line; the server keeps what it said before. */
export function CorrectionForm(props: { sessionId: string; line: TranscriptLineView; onDone: () => void }) {
  const { t } = useTranslation("transcript");
  const { t: tc } = useTranslation("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const form = useForm<CorrectionValues>({
    defaultValues: { text: props.line.text },
    resolver: zodResolver(correctionForm, { error: issueToMessageKey }) as never,
    shouldFocusError: true,
  });
  const { setFocus } = form;
  useEffect(() => setFocus("text"), [setFocus]);
  const correct = useMutation(
    trpc.captions.correct.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.captions.transcript.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.captions.history.pathKey() }),
        ]);
        props.onDone();
      },
    }),
  );
  const submit = form.handleSubmit((values) =>
    correct.mutate({ sessionId: props.sessionId, lineId: props.line.id, text: values.text }),
  );
  return (
    <form className="form transcript-correction" onSubmit={submit} noValidate>
      <Field
        id={`${id}-text`}
        label={t("correct.text")}
        errors={fieldErrorText(tc, form.formState.errors.text)}
      >
        {(p) => <textarea {...p} rows={2} maxLength={CAPTION_TEXT_MAX} {...form.register("text")} />}
      </Field>
      <div className="transcript-line-actions">
        <Button type="submit" variant="primary" isDisabled={correct.isPending}>
          {t("correct.save")}
        </Button>
        <Button variant="quiet" onPress={props.onDone}>
          {t("correct.cancel")}
        </Button>
      </div>
      {correct.isError && (
        <p role="alert" className="field-error">
          {errorMessage(correct.error, correct.error.message || t("correct.failed"))}
        </p>
      )}
    </form>
  );
}

/** Every earlier version of a line, newest first, with who corrected it and when. */
export function LineHistory(props: { sessionId: string; lineId: string; onClose: () => void }) {
  const { t } = useTranslation(["transcript", "common"]);
  const trpc = useTRPC();
  const time = useLineTime();
  const headingId = useId();
  const history = useQuery(
    trpc.captions.history.queryOptions({ sessionId: props.sessionId, lineId: props.lineId }),
  );
  return (
    <section className="transcript-history" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("history.heading")}</h3>
      {history.isPending ? (
        <p role="status">{t("common:loading")}</p>
      ) : history.isError ? (
        <p role="alert">{t("common:error.generic")}</p>
      ) : history.data.length === 0 ? (
        <p>{t("history.none")}</p>
      ) : (
        <ol>
          {history.data.map((revision) => (
            <li key={revision.id}>
              <p className="muted">
                {revision.editedBy
                  ? t("history.entry", { when: time(revision.editedAt), who: revision.editedBy })
                  : t("history.entryNoName", { when: time(revision.editedAt) })}
              </p>
              <p>
                {revision.previousSpeaker && (
                  <span className="transcript-speaker">{revision.previousSpeaker.name}: </span>
                )}
                {revision.previousText}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Button variant="quiet" onPress={props.onClose}>
        {t("history.close")}
      </Button>
    </section>
  );
}
