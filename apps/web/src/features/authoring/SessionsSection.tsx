import { zodResolver } from "@hookform/resolvers/zod";
import { AUTHORING_LIMITS } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2, UserPlus } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { encode, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { AgendaDisclosure } from "../agenda";
import { wholeNumber } from "./BasicsSection";
import { ConfirmDialog } from "./ConfirmDialog";
import { type EditableSeries, useEditor, useErrorText, usePreferredText } from "./editor-context";
import { EditorSection } from "./editor-fields";
import { SaveStatus } from "./SaveStatus";
import { toZonedInput, zonedInputToIso } from "./zoned-time";

type Session = EditableSeries["sessions"][number];
type Theme = EditableSeries["themes"][number];

const line = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => /^[^\p{Cc}<>]*$/u.test(text), { params: { i18n: "noMarkup" } });

const speakerSchema = z.object({
  name: line(AUTHORING_LIMITS.personName, 1),
  organisation: line(AUTHORING_LIMITS.speakerOrganisation),
  role: line(AUTHORING_LIMITS.speakerRole),
  bio: z.string().trim().max(AUTHORING_LIMITS.bio),
  kind: z.enum(["speaker", "guest"]),
  requiredForScheduling: z.boolean(),
});
const schema = z.object({
  durationMinutes: wholeNumber(15, 600),
  capacity: wholeNumber(1, 100_000, true),
  speakers: z.array(speakerSchema).max(AUTHORING_LIMITS.speakers),
});
type Values = z.infer<typeof schema>;

function valuesOf(session: Session): Values {
  return {
    durationMinutes: String(session.durationMinutes),
    capacity: session.capacity === null ? "" : String(session.capacity),
    speakers: session.speakers.map((s) => ({
      name: s.name,
      organisation: s.organisation ?? "",
      role: s.role ?? "",
      bio: s.bio ?? "",
      kind: s.kind ?? "speaker",
      requiredForScheduling: s.requiredForScheduling ?? false,
    })),
  };
}

/** Step 3: the sessions of each theme, with their speakers and guests, and their dates. */
export function SessionsSection() {
  const { t } = useTranslation("authoring");
  const { series } = useEditor();
  return (
    <EditorSection id="sessions" step={3} title={t("editor.steps.sessions")}>
      <p className="field-hint">{t("editor.sessions.intro")}</p>
      {series.themes.length === 0 && <p>{t("editor.sessions.noThemes")}</p>}
      {series.themes.map((theme, index) => (
        <ThemeSessions key={theme.id} theme={theme} index={index} />
      ))}
    </EditorSection>
  );
}

function useThemeTitle() {
  const { t } = useTranslation("authoring");
  const preferred = usePreferredText();
  return (theme: Theme, index: number) =>
    preferred(theme.title) || t("editor.themes.untitled", { n: index + 1 });
}

function ThemeSessions(props: { theme: Theme; index: number }) {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const themeTitle = useThemeTitle();
  const sessions = editor.series.sessions.filter((s) => s.themeId === props.theme.id);
  const add = useMutation(
    trpc.authoring.addSession.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  const title = themeTitle(props.theme, props.index);
  return (
    <div className="editor-theme-sessions">
      <h3 id={`sessions-${props.theme.id}`} tabIndex={-1}>
        {t("editor.themes.number", { n: props.index + 1 })}: {title}
      </h3>
      <ol className="editor-list">
        {sessions.map((session, n) => (
          <SessionItem
            key={session.id}
            session={session}
            label={t("editor.sessions.name", { theme: title, n: n + 1 })}
            alone={sessions.length <= 1}
          />
        ))}
      </ol>
      <SaveStatus error={add.error} isSuccess={false} />
      <button
        type="button"
        className="ui-button ui-button-secondary"
        disabled={add.isPending}
        onClick={() =>
          add.mutate({
            seriesId: editor.seriesId,
            expectedVersion: editor.series.version,
            themeId: props.theme.id,
            fields: {},
          })
        }
      >
        <Plus aria-hidden="true" className="ui-icon" />
        {t("editor.sessions.add", { theme: title })}
      </button>
    </div>
  );
}

function SessionItem(props: { session: Session; label: string; alone: boolean }) {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const themeTitle = useThemeTitle();
  const errorText = useErrorText();
  const { session } = props;
  const [confirming, setConfirming] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: valuesOf(session),
    shouldFocusError: true,
  });
  const speakers = useFieldArray({ control: form.control, name: "speakers" });
  // A speaker just added: the cursor goes to their name (react-hook-form's own focus picks another field).
  const added = useRef(speakers.fields.length);
  useEffect(() => {
    if (speakers.fields.length > added.current) {
      document.getElementById(`session-${session.id}-speaker-${speakers.fields.length - 1}-name`)?.focus();
    }
    added.current = speakers.fields.length;
  }, [speakers.fields.length, session.id]);
  const { errors } = form.formState;
  const save = useMutation(
    trpc.authoring.updateSession.mutationOptions({
      onSuccess: (saved) => {
        editor.saved(saved);
        const now = saved.sessions.find((s) => s.id === session.id);
        if (now) form.reset(valuesOf(now));
      },
      onError: editor.failed,
    }),
  );
  const scope = { seriesId: editor.seriesId, sessionId: session.id };
  const id = (name: string) => `session-${session.id}-${name}`;
  return (
    <li className="editor-card">
      <div className="editor-card-header">
        <h4 id={id("heading")}>{props.label}</h4>
        <span className="badge">{t(`editor.sessions.status.${session.status}`)}</span>
      </div>
      <form
        className="form editor-form"
        noValidate
        aria-labelledby={id("heading")}
        onSubmit={form.handleSubmit((values) =>
          save.mutate({
            ...scope,
            expectedVersion: editor.series.version,
            fields: {
              durationMinutes: Number(values.durationMinutes),
              capacity: values.capacity === "" ? null : Number(values.capacity),
              speakers: values.speakers,
            },
          }),
        )}
      >
        <div className="editor-row">
          <Field
            id={id("duration")}
            label={t("editor.sessions.duration")}
            errors={errorText(errors.durationMinutes)}
          >
            {(p) => <input {...p} inputMode="numeric" {...form.register("durationMinutes")} />}
          </Field>
          <Field
            id={id("capacity")}
            label={t("editor.sessions.capacity")}
            hint={t("editor.basics.capacityHint")}
            errors={errorText(errors.capacity)}
          >
            {(p) => <input {...p} inputMode="numeric" {...form.register("capacity")} />}
          </Field>
        </div>
        <fieldset className="editor-speakers">
          <legend>{t("editor.sessions.speakers")}</legend>
          {speakers.fields.length === 0 && <p className="field-hint">{t("editor.sessions.noSpeakers")}</p>}
          {speakers.fields.map((field, index) => {
            const sid = (name: string) => id(`speaker-${index}-${name}`);
            const speakerErrors = errors.speakers?.[index];
            return (
              <fieldset key={field.id} className="editor-speaker">
                <legend>{t("editor.sessions.speaker", { n: index + 1 })}</legend>
                <Field
                  id={sid("name")}
                  label={t("editor.sessions.speakerName")}
                  errors={errorText(speakerErrors?.name)}
                >
                  {(p) => <input {...p} {...form.register(`speakers.${index}.name`)} />}
                </Field>
                <Field
                  id={sid("organisation")}
                  label={t("editor.sessions.speakerOrganisation")}
                  errors={errorText(speakerErrors?.organisation)}
                >
                  {(p) => <input {...p} {...form.register(`speakers.${index}.organisation`)} />}
                </Field>
                <Field
                  id={sid("role")}
                  label={t("editor.sessions.speakerRole")}
                  errors={errorText(speakerErrors?.role)}
                >
                  {(p) => <input {...p} {...form.register(`speakers.${index}.role`)} />}
                </Field>
                <Field
                  id={sid("bio")}
                  label={t("editor.sessions.speakerBio")}
                  errors={errorText(speakerErrors?.bio)}
                >
                  {(p) => <textarea {...p} rows={2} {...form.register(`speakers.${index}.bio`)} />}
                </Field>
                <Field id={sid("kind")} label={t("editor.sessions.speakerKind")}>
                  {(p) => (
                    <select {...p} {...form.register(`speakers.${index}.kind`)}>
                      <option value="speaker">{t("editor.sessions.kinds.speaker")}</option>
                      <option value="guest">{t("editor.sessions.kinds.guest")}</option>
                    </select>
                  )}
                </Field>
                <div className="check-field">
                  <input
                    id={sid("required")}
                    type="checkbox"
                    {...form.register(`speakers.${index}.requiredForScheduling`)}
                  />
                  <label htmlFor={sid("required")}>{t("editor.sessions.required")}</label>
                </div>
                <button
                  type="button"
                  className="ui-button ui-button-quiet"
                  onClick={() => speakers.remove(index)}
                >
                  <Trash2 aria-hidden="true" className="ui-icon" />
                  {t("editor.sessions.removeSpeaker", { n: index + 1 })}
                </button>
              </fieldset>
            );
          })}
          {speakers.fields.length < AUTHORING_LIMITS.speakers && (
            <button
              type="button"
              className="ui-button ui-button-secondary"
              onClick={() =>
                speakers.append(
                  {
                    name: "",
                    organisation: "",
                    role: "",
                    bio: "",
                    kind: "speaker",
                    requiredForScheduling: false,
                  },
                  { shouldFocus: false },
                )
              }
            >
              <UserPlus aria-hidden="true" className="ui-icon" />
              {t("editor.sessions.addSpeaker")}
            </button>
          )}
        </fieldset>
        <SaveStatus
          error={save.error}
          isSuccess={save.isSuccess}
          form={form}
          fieldOf={(path) => path.replace(/^fields\./, "")}
          onDiscard={() => {
            const now = editor.series.sessions.find((s) => s.id === session.id);
            if (now) form.reset(valuesOf(now));
            save.reset();
          }}
        />
        <div>
          <button
            type="submit"
            className="ui-button ui-button-primary"
            disabled={save.isPending}
            aria-label={`${t("editor.sessions.save")}: ${props.label}`}
          >
            {t("editor.sessions.save")}
          </button>
        </div>
      </form>
      <SessionDate session={session} label={props.label} />
      <AgendaDisclosure sessionId={session.id} label={props.label} />
      {session.status === "draft" && editor.series.themes.length > 1 && (
        <MoveSession session={session} label={props.label} themeTitle={themeTitle} alone={props.alone} />
      )}
      {session.status === "draft" && !props.alone && (
        <>
          <button
            type="button"
            className="ui-button ui-button-quiet"
            onClick={() => setConfirming(true)}
            aria-label={`${t("editor.sessions.remove")}: ${props.label}`}
          >
            <Trash2 aria-hidden="true" className="ui-icon" />
            {t("editor.sessions.remove")}
          </button>
          <RemoveSession
            session={session}
            label={props.label}
            isOpen={confirming}
            onOpenChange={setConfirming}
          />
        </>
      )}
    </li>
  );
}

function RemoveSession(props: {
  session: Session;
  label: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const remove = useMutation(
    trpc.authoring.removeSession.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  return (
    <>
      <SaveStatus error={remove.error} isSuccess={false} />
      <ConfirmDialog
        isOpen={props.isOpen}
        onOpenChange={props.onOpenChange}
        title={t("editor.sessions.removeTitle", { session: props.label })}
        body={t("editor.sessions.removeBody")}
        confirmLabel={t("editor.sessions.remove")}
        onConfirm={() =>
          remove.mutate({
            seriesId: editor.seriesId,
            expectedVersion: editor.series.version,
            sessionId: props.session.id,
          })
        }
      />
    </>
  );
}

function MoveSession(props: {
  session: Session;
  label: string;
  alone: boolean;
  themeTitle: (theme: Theme, index: number) => string;
}) {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const others = editor.series.themes
    .map((theme, index) => ({ theme, index }))
    .filter(({ theme }) => theme.id !== props.session.themeId);
  const [target, setTarget] = useState(others[0]?.theme.id ?? "");
  const move = useMutation(
    trpc.authoring.moveSession.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  const selectId = `session-${props.session.id}-move-target`;
  if (props.alone) return null;
  return (
    <div className="editor-inline">
      <div className="field">
        <label htmlFor={selectId}>{t("editor.sessions.moveTo")}</label>
        <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
          {others.map(({ theme, index }) => (
            <option key={theme.id} value={theme.id}>
              {props.themeTitle(theme, index)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="ui-button ui-button-secondary"
        disabled={move.isPending || !target}
        onClick={() =>
          move.mutate({
            seriesId: editor.seriesId,
            expectedVersion: editor.series.version,
            sessionId: props.session.id,
            themeId: target,
          })
        }
        aria-label={`${t("editor.sessions.move")}: ${props.label}`}
      >
        {t("editor.sessions.move")}
      </button>
      <SaveStatus error={move.error} isSuccess={false} />
    </div>
  );
}

const dateSchema = z.object({
  startsAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: encode("authoring:editor.errors.date") }),
});

function SessionDate(props: { session: Session; label: string }) {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const errorText = useErrorText();
  const zone = editor.series.timeZone;
  const form = useForm<{ startsAt: string }>({
    resolver: zodResolver(dateSchema),
    defaultValues: { startsAt: props.session.startsAt ? toZonedInput(props.session.startsAt, zone) : "" },
    shouldFocusError: true,
  });
  const set = useMutation(
    trpc.authoring.setSessionDate.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  const reschedulable = props.session.status === "draft" || props.session.status === "scheduled";
  if (!reschedulable) return null;
  const fieldId = `session-${props.session.id}-date`;
  return (
    <form
      className="editor-inline"
      noValidate
      aria-label={t("editor.sessions.dateOf", { session: props.label })}
      onSubmit={form.handleSubmit((values) =>
        set.mutate({
          seriesId: editor.seriesId,
          expectedVersion: editor.series.version,
          sessionId: props.session.id,
          startsAt: zonedInputToIso(values.startsAt, zone),
        }),
      )}
    >
      <Field
        id={fieldId}
        label={t("editor.sessions.date", { zone })}
        hint={
          props.session.status === "scheduled"
            ? t("editor.sessions.dateChangeHint")
            : t("editor.sessions.dateHint")
        }
        errors={errorText(form.formState.errors.startsAt)}
      >
        {(p) => <input {...p} type="datetime-local" {...form.register("startsAt")} />}
      </Field>
      <button
        type="submit"
        className="ui-button ui-button-secondary"
        disabled={set.isPending}
        aria-label={`${t("editor.sessions.setDate")}: ${props.label}`}
      >
        {t("editor.sessions.setDate")}
      </button>
      <SaveStatus error={set.error} isSuccess={set.isSuccess} form={form} />
    </form>
  );
}
