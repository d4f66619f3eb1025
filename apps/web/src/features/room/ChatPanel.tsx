import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { useLiveStreamStarted } from "../capture";
import { addChatMessage } from "./live-events";

/**
 * Chat stored with the session: what was said is still there after a reload. Loads the newest page
 * and older ones on request; new messages arrive on the session's live stream (see live-events.ts).
 */
export function ChatPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("room");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const chat = useInfiniteQuery(
    trpc.room.chat.infiniteQueryOptions(
      { sessionId },
      {
        getNextPageParam: (page) => page.older,
        enabled: useLiveStreamStarted(sessionId),
        // The stream keeps it current; a refetch of every loaded page would only race it.
        staleTime: Number.POSITIVE_INFINITY,
        refetchOnWindowFocus: false,
      },
    ),
  );
  const send = useMutation(
    trpc.room.sendChat.mutationOptions({
      onSuccess: (message) => {
        setDraft("");
        queryClient.setQueryData(trpc.room.chat.infiniteQueryKey({ sessionId }), (data) =>
          addChatMessage(data, message),
        );
      },
    }),
  );
  const locale = useLocale();
  const messages = (chat.data?.pages ?? []).toReversed().flatMap((page) => page.messages);
  return (
    <section aria-labelledby="chat-heading" className="panel chat">
      <h2 id="chat-heading">{t("chat.heading")}</h2>
      {chat.hasNextPage ? (
        <button type="button" disabled={chat.isFetchingNextPage} onClick={() => void chat.fetchNextPage()}>
          {t("chat.older")}
        </button>
      ) : null}
      {messages.length ? (
        <ol className="chat-log" aria-live="polite" aria-relevant="additions">
          {messages.map((m) => (
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
