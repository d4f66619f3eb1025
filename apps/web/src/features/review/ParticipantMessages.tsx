import { zodResolver } from "@hookform/resolvers/zod";
import { type LocalizedText, pickLocale } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { Button, Dialog } from "../../components/ui";
import { httpStatusOf, serverMessageOf } from "../../lib/errors";
import { fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

const KINDS = ["availability", "availability_reminder", "follow_up"] as const;
type Kind = (typeof KINDS)[number];

const messageForm = z
  .object({ kind: z.enum(KINDS), sessionId: z.string(), note: z.string().trim().max(1000) })
  .refine((v) => v.kind !== "follow_up" || v.sessionId !== "", {
    path: ["sessionId"],
    params: { i18n: "sessionRequired" },
  });
type MessageForm = z.infer<typeof messageForm>;

interface Request {
  seriesId: string;
  kind: Kind;
  sessionId?: string;
  note?: string;
  /** Chosen when the preview opens: sending the same request twice queues nothing new. */
  requestId: string;
}

/**
 * Messages an organiser sends to the series' participants: ask for availability, remind those who
 * have not answered, follow up after a session. A preview in both languages comes first.
 */
export function ParticipantMessages(props: {
  seriesId: string;
  sessions: Array<{ id: string; position: number; themeTitle: LocalizedText | null }>;
}) {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  const [request, setRequest] = useState<Request | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const form = useForm<MessageForm>({
    defaultValues: { kind: "availability", sessionId: "", note: "" },
    resolver: zodResolver(messageForm, { error: issueToMessageKey }) as never,
  });
  const kind = form.watch("kind");
  const submit = form.handleSubmit((values) => {
    setResult(null);
    setRequest({
      seriesId: props.seriesId,
      kind: values.kind,
      ...(values.kind === "follow_up" ? { sessionId: values.sessionId } : {}),
      ...(values.note ? { note: values.note } : {}),
      requestId: crypto.randomUUID(),
    });
  });
  const sessionError = form.formState.errors.sessionId ? [t("messages.sessionRequired")] : undefined;
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">{t("messages.heading")}</h2>
      <p>{t("messages.intro")}</p>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="choice-list">
          <legend>{t("messages.kind")}</legend>
          {KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" value={k} {...form.register("kind")} />
              <span>{t(`messages.kinds.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        {kind === "follow_up" && (
          <Field id="message-session" label={t("messages.session")} errors={sessionError}>
            {(p) => (
              <select {...p} {...form.register("sessionId")}>
                <option value="" />
                {props.sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t("messages.sessionOption", {
                      position: s.position,
                      title: s.themeTitle ? pickLocale(s.themeTitle, locale) : "",
                    })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          id="message-note"
          label={t("messages.note")}
          hint={t("messages.noteHint")}
          errors={fieldErrorText(tc, form.formState.errors.note)}
        >
          {(p) => <textarea {...p} rows={3} maxLength={1000} {...form.register("note")} />}
        </Field>
        <Button type="submit" variant="secondary">
          {t("messages.preview")}
        </Button>
      </form>
      <div role="status" aria-live="polite">
        {result && <p className="notice notice-ok">{result}</p>}
      </div>
      {request && (
        <MessagePreview
          request={request}
          onClose={() => setRequest(null)}
          onSent={(text) => {
            setRequest(null);
            setResult(text);
            form.reset();
          }}
        />
      )}
    </section>
  );
}

function MessagePreview(props: { request: Request; onClose: () => void; onSent: (text: string) => void }) {
  const { t } = useTranslation("account");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { requestId, ...input } = props.request;
  // A second press before React re-renders the disabled button must not send again (the server
  // would ignore it, but the answer "already sent" would then replace "sent").
  const pressed = useRef(false);
  const preview = useQuery(trpc.review.previewMessage.queryOptions(input, { staleTime: 0, gcTime: 0 }));
  const send = useMutation(
    trpc.review.sendMessage.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.review.audit.pathKey() });
        props.onSent(r.alreadySent ? t("messages.alreadySent") : t("messages.sent", { count: r.queued }));
      },
    }),
  );
  const failure = preview.error ?? send.error;
  const failureText = failure
    ? (serverMessageOf(failure) ??
      (httpStatusOf(failure) === 412 && failure instanceof Error ? failure.message : t("errors.generic")))
    : null;
  const data = preview.data;
  return (
    <Dialog
      title={t("messages.previewTitle")}
      closeLabel={t("review.close")}
      isOpen
      onOpenChange={(open) => {
        if (!open) props.onClose();
      }}
    >
      {preview.isPending && <p role="status">{t("messages.preview")}…</p>}
      {failureText && (
        <p role="alert" className="notice notice-error">
          {failureText}
        </p>
      )}
      {data && (
        <>
          <p>
            {data.recipients === 0
              ? t("messages.noRecipients")
              : t("messages.recipients", {
                  count: data.recipients,
                  nl: data.byLocale.nl,
                  en: data.byLocale.en,
                })}
          </p>
          {(["nl", "en"] as const).map((lang) => (
            <section key={lang} className="mail-preview" aria-labelledby={`preview-${lang}`}>
              <h3 id={`preview-${lang}`}>
                {lang === "nl" ? t("messages.inDutch") : t("messages.inEnglish")}
              </h3>
              <p>
                <strong>{t("messages.subject")}:</strong> <span lang={lang}>{data.mails[lang].subject}</span>
              </p>
              <pre className="mail-preview-body" lang={lang}>
                {data.mails[lang].text}
              </pre>
            </section>
          ))}
          <div className="ui-dialog-actions">
            <Button variant="quiet" onPress={props.onClose}>
              {t("review.cancel")}
            </Button>
            <Button
              variant="primary"
              icon={Send}
              isDisabled={data.recipients === 0 || send.isPending}
              onPress={() => {
                if (pressed.current) return;
                pressed.current = true;
                send.mutate({ ...input, requestId }, { onError: () => (pressed.current = false) });
              }}
            >
              {t("messages.send", { count: data.recipients })}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
