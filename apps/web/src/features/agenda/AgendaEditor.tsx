import { zodResolver } from "@hookform/resolvers/zod";
import {
  AGENDA_MAX_MINUTES,
  AGENDA_MAX_SEGMENTS,
  AGENDA_SEGMENT_KINDS,
  type AgendaView,
} from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { ArrowDown, ArrowUp, Plus, Save, Trash2 } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { Button } from "../../components/ui";
import { encode, fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { useAgenda } from "./use-agenda";

const minutesError = encode("agenda:editor.between", { min: 1, max: AGENDA_MAX_MINUTES });
const schema = z.object({
  segments: z
    .array(
      z.object({
        id: z.string().optional(),
        titleNl: z.string().trim().min(1).max(200),
        titleEn: z.string().trim().max(200),
        kind: z.enum(AGENDA_SEGMENT_KINDS),
        plannedMinutes: z
          .number({ error: minutesError })
          .int({ error: minutesError })
          .min(1, { error: minutesError })
          .max(AGENDA_MAX_MINUTES, { error: minutesError }),
        speakerId: z.string(),
        pollIds: z.array(z.string()),
        questionIds: z.array(z.string()),
      }),
    )
    .max(AGENDA_MAX_SEGMENTS),
});
type Values = z.infer<typeof schema>;

function valuesOf(agenda: AgendaView): Values {
  return {
    segments: agenda.segments.map((s) => ({
      id: s.id,
      titleNl: s.title.nl,
      titleEn: s.title.en ?? "",
      kind: s.kind,
      plannedMinutes: s.plannedMinutes,
      speakerId: s.speaker?.participantId ?? "",
      pollIds: s.pollIds,
      questionIds: s.questionIds,
    })),
  };
}

const blank = (): Values["segments"][number] => ({
  titleNl: "",
  titleEn: "",
  kind: "plenary",
  plannedMinutes: 10,
  speakerId: "",
  pollIds: [],
  questionIds: [],
});

/** The agenda editor for organisers (session editor) and moderators (waiting page, room). */
export function AgendaEditor(props: { sessionId: string; headingLevel?: HeadingLevel | null }) {
  const agenda = useAgenda(props.sessionId);
  if (!agenda.data) return null;
  const headingLevel = props.headingLevel === undefined ? 2 : props.headingLevel;
  return <EditorForm sessionId={props.sessionId} agenda={agenda.data} headingLevel={headingLevel} />;
}

type HeadingLevel = 2 | 3 | 4 | 5;

/** `headingLevel` null: the editor sits in a dialog whose title already names it. */
function EditorForm(props: { sessionId: string; agenda: AgendaView; headingLevel: HeadingLevel | null }) {
  const { sessionId, agenda } = props;
  const { t } = useTranslation("agenda");
  const { t: tCommon } = useTranslation("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const Heading = props.headingLevel ? (`h${props.headingLevel}` as const) : null;
  const candidates = useQuery(trpc.agenda.candidates.queryOptions({ sessionId }));
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: valuesOf(agenda),
    shouldFocusError: true,
  });
  const { errors } = form.formState;
  const rows = useFieldArray({ control: form.control, name: "segments" });
  const [status, setStatus] = useState("");
  const [version, setVersion] = useState(agenda.version);
  // Another moderator's save (heard on the live stream) replaces the form unless it has unsaved edits.
  useEffect(() => {
    if (agenda.version !== version && !form.formState.isDirty) {
      form.reset(valuesOf(agenda));
      setVersion(agenda.version);
    }
  }, [agenda, version, form]);
  const save = useMutation(
    trpc.agenda.save.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.agenda.get.queryKey({ sessionId }), saved);
        form.reset(valuesOf(saved));
        setVersion(saved.version);
        setStatus(t("editor.saved"));
      },
      onError: (error) => {
        const conflict =
          error instanceof TRPCClientError
            ? (error.data as { conflict?: AgendaView | null } | undefined)?.conflict
            : null;
        if (conflict?.segments) {
          queryClient.setQueryData(trpc.agenda.get.queryKey({ sessionId }), conflict);
          form.reset(valuesOf(conflict));
          setVersion(conflict.version);
          setStatus(t("editor.conflict"));
        }
      },
    }),
  );
  const errorText = (error: Parameters<typeof fieldErrorText>[1]) => fieldErrorText(tCommon, error);
  const onSubmit = form.handleSubmit((values) => {
    setStatus("");
    save.mutate({
      sessionId,
      version,
      segments: values.segments.map((s) => ({
        ...(s.id ? { id: s.id } : {}),
        title: { nl: s.titleNl, ...(s.titleEn ? { en: s.titleEn } : {}) },
        kind: s.kind,
        plannedMinutes: s.plannedMinutes,
        speakerId: s.speakerId || null,
        pollIds: s.pollIds,
        questionIds: s.questionIds,
      })),
    });
  });
  const move = (from: number, to: number) => {
    rows.move(from, to);
    setStatus(t("editor.moved", { n: to + 1 }));
    // The button pressed may now be gone (first or last place): keep focus on the moved segment's same button.
    window.requestAnimationFrame(() => {
      const target = document.getElementById(`${id}-${to}-${to < from ? "up" : "down"}`);
      (target && !target.hasAttribute("disabled")
        ? target
        : document.getElementById(`${id}-title-${to}`)
      )?.focus();
    });
  };
  const linkOptions = (name: "pollIds" | "questionIds", index: number) => {
    const options = name === "pollIds" ? candidates.data?.polls : candidates.data?.questions;
    if (!options?.length) return null;
    return (
      <fieldset className="agenda-links">
        <legend>{t(name === "pollIds" ? "editor.polls" : "editor.questions")}</legend>
        {options.map((o) => (
          <label key={o.id} className="check-field">
            <input type="checkbox" value={o.id} {...form.register(`segments.${index}.${name}`)} />
            <span>{o.text}</span>
          </label>
        ))}
      </fieldset>
    );
  };

  return (
    <form
      className="agenda-editor"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      {...(Heading ? { "aria-labelledby": `${id}-h` } : { "aria-label": t("editor.heading") })}
    >
      {Heading ? <Heading id={`${id}-h`}>{t("editor.heading")}</Heading> : null}
      <p className="muted">{t("editor.intro")}</p>
      <ol className="agenda-editor-rows">
        {rows.fields.map((row, index) => (
          <li key={row.id}>
            <fieldset className="agenda-segment-fields">
              <legend>{t("editor.segment", { n: index + 1 })}</legend>
              <Field
                id={`${id}-title-${index}`}
                label={t("editor.titleNl")}
                errors={errorText(errors.segments?.[index]?.titleNl)}
              >
                {(p) => <input {...p} {...form.register(`segments.${index}.titleNl`)} />}
              </Field>
              <Field
                id={`${id}-title-en-${index}`}
                label={t("editor.titleEn")}
                errors={errorText(errors.segments?.[index]?.titleEn)}
              >
                {(p) => <input {...p} {...form.register(`segments.${index}.titleEn`)} />}
              </Field>
              <Field id={`${id}-kind-${index}`} label={t("editor.kind")}>
                {(p) => (
                  <select {...p} {...form.register(`segments.${index}.kind`)}>
                    {AGENDA_SEGMENT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`kind.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={`${id}-minutes-${index}`}
                label={t("editor.plannedMinutes")}
                errors={errorText(errors.segments?.[index]?.plannedMinutes)}
              >
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={AGENDA_MAX_MINUTES}
                    {...form.register(`segments.${index}.plannedMinutes`, { valueAsNumber: true })}
                  />
                )}
              </Field>
              <Field id={`${id}-speaker-${index}`} label={t("editor.speaker")}>
                {(p) => (
                  <select {...p} {...form.register(`segments.${index}.speakerId`)}>
                    <option value="">{t("editor.noSpeaker")}</option>
                    {(candidates.data?.speakers ?? []).map((s) => (
                      <option key={s.participantId} value={s.participantId}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {linkOptions("pollIds", index)}
              {linkOptions("questionIds", index)}
              <div className="agenda-row-actions">
                <Button
                  id={`${id}-${index}-up`}
                  icon={ArrowUp}
                  isDisabled={index === 0}
                  onPress={() => move(index, index - 1)}
                >
                  {t("editor.moveUp", { n: index + 1 })}
                </Button>
                <Button
                  id={`${id}-${index}-down`}
                  icon={ArrowDown}
                  isDisabled={index === rows.fields.length - 1}
                  onPress={() => move(index, index + 1)}
                >
                  {t("editor.moveDown", { n: index + 1 })}
                </Button>
                <Button icon={Trash2} variant="danger" onPress={() => rows.remove(index)}>
                  {t("editor.remove", { n: index + 1 })}
                </Button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="agenda-editor-actions">
        <Button
          icon={Plus}
          isDisabled={rows.fields.length >= AGENDA_MAX_SEGMENTS}
          onPress={() =>
            rows.append(blank(), { shouldFocus: true, focusName: `segments.${rows.fields.length}.titleNl` })
          }
        >
          {t("editor.add")}
        </Button>
        <Button icon={Save} variant="primary" type="submit" isDisabled={save.isPending}>
          {t("editor.save")}
        </Button>
      </div>
      {save.error && !status ? (
        <p role="alert">{t("editor.error", { message: save.error.message })}</p>
      ) : null}
      <p role="status" className="muted">
        {status}
      </p>
    </form>
  );
}

/** In the series editor: per session, opened on demand (each open editor reads its agenda). */
export function AgendaDisclosure(props: { sessionId: string; label: string }) {
  const { t } = useTranslation("agenda");
  const [open, setOpen] = useState(false);
  return (
    <details className="agenda-disclosure" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t("heading")}
        <span className="visually-hidden">: {props.label}</span>
      </summary>
      {open ? <AgendaEditor sessionId={props.sessionId} headingLevel={5} /> : null}
    </details>
  );
}
