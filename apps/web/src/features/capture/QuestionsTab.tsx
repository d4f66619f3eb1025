import { LIMITS, type QuestionView } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePersonName } from "../../lib/person-name";
import { useTRPC } from "../../lib/trpc";
import { withQuestion } from "./capture-state";
import { useCaptureStore } from "./capture-store";
import { errorMessage } from "./errors";
import { Heading } from "./Heading";
import { Markdown } from "./Markdown";

export function QuestionsTab() {
  const { t } = useTranslation(["outcomes", "common"]);
  const personName = usePersonName();
  const { data, headingLevel, update, current } = useCaptureStore();
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [sort, setSort] = useState<"votes" | "time">("votes");
  const store = (question: QuestionView) => update((state) => withQuestion(state, question));
  const ask = useMutation(trpc.capture.question.ask.mutationOptions({ onSuccess: store }));
  const vote = useMutation(
    trpc.capture.question.vote.mutationOptions({
      // Optimistic: the count moves at once; the server's answer (or the stream) settles it.
      onMutate: (input) => {
        const previous = current();
        const question = previous?.questions.find((q) => q.id === input.questionId);
        if (question && question.votedByMe !== input.up) {
          store({ ...question, votedByMe: input.up, votes: question.votes + (input.up ? 1 : -1) });
        }
        return { question };
      },
      onSuccess: store,
      onError: (_e, _i, context) => {
        if (context?.question) store(context.question);
      },
    }),
  );
  const mark = useMutation(trpc.capture.question.mark.mutationOptions({ onSuccess: store }));
  const toOutcome = useMutation(trpc.capture.question.toOutcome.mutationOptions());
  const sorted = [...data.questions].sort((a, b) =>
    sort === "votes"
      ? b.votes - a.votes || a.createdAt.localeCompare(b.createdAt)
      : b.createdAt.localeCompare(a.createdAt),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    ask.mutate({ sessionId: data.sessionId, text, anonymous }, { onSuccess: () => setText("") });
  }

  return (
    <>
      <form className="capture-form" onSubmit={submit} aria-labelledby={`${id}-ask`}>
        <Heading level={headingLevel + 1} id={`${id}-ask`}>
          {t("questions.ask")}
        </Heading>
        <label htmlFor={`${id}-text`}>{t("form.text")}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          rows={2}
          maxLength={LIMITS.questionText}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="field-row">
          <input
            id={`${id}-anonymous`}
            type="checkbox"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
          />
          <label htmlFor={`${id}-anonymous`}>{t("questions.anonymous")}</label>
        </div>
        <button type="submit" className="primary">
          {t("questions.submit")}
        </button>
        {ask.isError && (
          <p role="alert" className="error">
            {t("form.error", { message: errorMessage(ask.error, t("common:error.generic")) })}
          </p>
        )}
      </form>
      <Heading level={headingLevel + 1}>{t("questions.heading")}</Heading>
      <fieldset className="sort-switch">
        <legend>{t("questions.sort")}</legend>
        {(["votes", "time"] as const).map((key) => (
          <button key={key} type="button" aria-pressed={sort === key} onClick={() => setSort(key)}>
            {key === "votes" ? t("questions.byVotes") : t("questions.byTime")}
          </button>
        ))}
      </fieldset>
      {sorted.length === 0 && <p className="muted">{t("questions.empty")}</p>}
      <ul className="question-list">
        {sorted.map((q) => (
          <li key={q.id} className={`question${q.highlighted ? " question-highlighted" : ""}`}>
            <button
              type="button"
              className="upvote"
              aria-pressed={q.votedByMe}
              aria-label={t("questions.upvote", { count: q.votes })}
              onClick={() => vote.mutate({ sessionId: data.sessionId, questionId: q.id, up: !q.votedByMe })}
            >
              ▲ {q.votes}
            </button>
            <div>
              <Markdown text={q.text} />
              <p className="meta">
                {q.author ? personName.name(q.author) : t("questions.anonymousAuthor")} ·{" "}
                {t("questions.votes", { count: q.votes })}
                {q.status === "answered" && <> · {t("questions.answered")}</>}
                {q.highlighted && <> · {t("questions.highlighted")}</>}
                {q.outcomeId && <> · {t("questions.isOutcome")}</>}
              </p>
              {data.canModerate && (
                <div className="moderation">
                  <button
                    type="button"
                    onClick={() =>
                      mark.mutate({
                        sessionId: data.sessionId,
                        questionId: q.id,
                        answered: q.status !== "answered",
                      })
                    }
                  >
                    {q.status === "answered" ? t("questions.markOpen") : t("questions.markAnswered")}
                  </button>
                  <button
                    type="button"
                    aria-pressed={q.highlighted}
                    onClick={() =>
                      mark.mutate({
                        sessionId: data.sessionId,
                        questionId: q.id,
                        highlighted: !q.highlighted,
                      })
                    }
                  >
                    {q.highlighted ? t("questions.unhighlight") : t("questions.highlight")}
                  </button>
                  {q.highlighted && !q.outcomeId && (
                    <button
                      type="button"
                      onClick={() =>
                        toOutcome.mutate({ sessionId: data.sessionId, questionId: q.id, kind: "problem" })
                      }
                    >
                      {t("questions.toOutcome")}
                    </button>
                  )}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
