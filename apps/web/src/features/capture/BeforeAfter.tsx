import { type ActionReviewView, LIMITS, type OutcomeView, type SessionCapture } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { errorMessage } from "./errors";
import { Heading } from "./Heading";
import { Markdown } from "./Markdown";

/** Before the session: agenda input. After it: the organiser's review deadline for draft actions. */
export function BeforeAfter({ data, headingLevel }: { data: SessionCapture; headingLevel: number }) {
  const { t } = useTranslation(["outcomes", "common"]);
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const [deadline, setDeadline] = useState("");
  const submit = useMutation(trpc.capture.seed.submit.mutationOptions());
  const setReviewDeadline = useMutation(trpc.capture.review.setDeadline.mutationOptions());
  const before = data.sessionStatus === "draft" || data.sessionStatus === "scheduled";
  const after = data.sessionStatus === "ended";

  function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    submit.mutate({ sessionId: data.sessionId, text }, { onSuccess: () => setText("") });
  }

  return (
    <>
      {(before || data.seeds.length > 0) && (
        <section className="seeds" aria-labelledby={`${id}-seeds`}>
          <Heading level={headingLevel + 1} id={`${id}-seeds`}>
            {t("seeds.heading")}
          </Heading>
          {before && (
            <form onSubmit={send}>
              <label htmlFor={`${id}-seed`}>{t("seeds.intro")}</label>
              <textarea
                id={`${id}-seed`}
                value={text}
                rows={2}
                maxLength={LIMITS.seedText}
                onChange={(e) => setText(e.target.value)}
              />
              <button type="submit">{t("seeds.submit")}</button>
              {submit.isError && (
                <p role="alert" className="error">
                  {t("form.error", { message: errorMessage(submit.error, t("common:error.generic")) })}
                </p>
              )}
            </form>
          )}
          {data.seeds.length === 0 ? (
            <p className="muted">{t("seeds.empty")}</p>
          ) : (
            <ul className="seed-list">
              {data.seeds.map((seed) => (
                <li key={seed.id}>
                  <Markdown text={seed.text} />
                  {seed.author && <p className="meta">{t("item.by", { name: seed.author.name })}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {(after || data.reviewDeadline) && (
        <section className="review-window" aria-labelledby={`${id}-review`}>
          <Heading level={headingLevel + 1} id={`${id}-review`}>
            {t("review.heading")}
          </Heading>
          <p>
            {data.reviewDeadline && new Date(data.reviewDeadline) > new Date()
              ? t("review.until", {
                  date: formatDateTime(data.reviewDeadline, locale, {
                    dateStyle: "long",
                    timeStyle: "short",
                  }),
                })
              : t("review.closed")}
          </p>
          {data.role === "organiser" && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (deadline)
                  setReviewDeadline.mutate({
                    sessionId: data.sessionId,
                    deadline: new Date(deadline).toISOString(),
                  });
              }}
            >
              <label htmlFor={`${id}-deadline`}>{t("review.deadline")}</label>
              <input
                id={`${id}-deadline`}
                type="datetime-local"
                value={deadline}
                onChange={(e) => setDeadline(e.target.value)}
              />
              <button type="submit">{t("review.setDeadline")}</button>
            </form>
          )}
        </section>
      )}
    </>
  );
}

/** Agree with a draft action or comment on it, while the review window is open. */
export function ReviewControls({
  outcome,
  deadline,
  view,
}: {
  outcome: OutcomeView;
  deadline: string | null;
  view: ActionReviewView | undefined;
}) {
  const { t } = useTranslation(["outcomes", "common"]);
  const trpc = useTRPC();
  const id = useId();
  const [comment, setComment] = useState("");
  const review = useMutation(trpc.capture.review.submit.mutationOptions());
  const open = deadline !== null && new Date(deadline) > new Date();
  if (!open && !view) return null;
  return (
    <div className="review">
      {view && <p className="meta">{t("review.agreeCount", { count: view.agree })}</p>}
      {view && view.comments.length > 0 && (
        <ul>
          {view.comments.map((c) => (
            <li key={c.id}>
              {c.text} {c.author && <span className="meta">— {c.author.name}</span>}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <>
          <button
            type="button"
            aria-pressed={view?.myVerdict === "agree"}
            onClick={() =>
              review.mutate({ sessionId: outcome.sessionId, outcomeId: outcome.id, verdict: "agree" })
            }
          >
            {t("review.agree")}
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!comment.trim()) return;
              review.mutate(
                { sessionId: outcome.sessionId, outcomeId: outcome.id, verdict: "comment", comment },
                { onSuccess: () => setComment("") },
              );
            }}
          >
            <label htmlFor={`${id}-comment`}>{t("review.comment")}</label>
            <input
              id={`${id}-comment`}
              value={comment}
              maxLength={LIMITS.comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <button type="submit">{t("review.commentSubmit")}</button>
          </form>
        </>
      )}
    </div>
  );
}
