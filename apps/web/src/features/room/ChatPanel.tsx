import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

/** Chat stored with the session: what was said is still there after a reload. */
export function ChatPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("room");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const messages = useQuery({ ...trpc.room.chat.queryOptions({ sessionId }), refetchInterval: 10_000 });
  const send = useMutation(
    trpc.room.sendChat.mutationOptions({
      onSuccess: () => {
        setDraft("");
        return queryClient.invalidateQueries({ queryKey: trpc.room.chat.queryKey({ sessionId }) });
      },
    }),
  );
  const locale = useLocale();
  return (
    <section aria-labelledby="chat-heading" className="panel chat">
      <h2 id="chat-heading">{t("chat.heading")}</h2>
      {messages.data?.length ? (
        <ol className="chat-log" aria-live="polite" aria-relevant="additions">
          {messages.data.map((m) => (
            <li key={m.id}>
              <span className="muted">
                {t("chat.by", {
                  author: m.author ?? t("chat.unknownAuthor"),
                  time: formatDateTime(m.sentAt, locale, { hour: "2-digit", minute: "2-digit" }),
                })}
              </span>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("chat.empty")}</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) send.mutate({ sessionId, body: draft });
        }}
      >
        <label htmlFor={inputId}>{t("chat.label")}</label>
        <input id={inputId} value={draft} maxLength={2000} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" disabled={send.isPending}>
          {t("chat.send")}
        </button>
      </form>
    </section>
  );
}
