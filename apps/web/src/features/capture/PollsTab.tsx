import { LIMITS, POLL_KINDS, type PollKind, type PollView } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { withPoll } from "./capture-state";
import { useCaptureStore } from "./capture-store";
import { errorMessage } from "./errors";
import { Heading } from "./Heading";

export function PollsTab() {
  const { t } = useTranslation(["outcomes", "common"]);
  const { data, headingLevel, update } = useCaptureStore();
  const store = (poll: PollView) => update((state) => withPoll(state, poll));
  const visible = data.canModerate ? data.polls : data.polls.filter((p) => p.status !== "draft");
  return (
    <>
      {data.canModerate && (
        <CreatePoll sessionId={data.sessionId} headingLevel={headingLevel} onCreated={store} />
      )}
      <Heading level={headingLevel + 1}>{t("polls.heading")}</Heading>
      {visible.length === 0 && <p className="muted">{t("polls.empty")}</p>}
      <ul className="poll-list">
        {[...visible].reverse().map((poll) => (
          <PollItem
            key={poll.id}
            poll={poll}
            canModerate={data.canModerate}
            onChanged={store}
            headingLevel={headingLevel}
          />
        ))}
      </ul>
    </>
  );
}

function CreatePoll({
  sessionId,
  headingLevel,
  onCreated,
}: {
  sessionId: string;
  headingLevel: number;
  onCreated: (poll: PollView) => void;
}) {
  const { t } = useTranslation(["outcomes", "common"]);
  const trpc = useTRPC();
  const id = useId();
  const [question, setQuestion] = useState("");
  const [kind, setKind] = useState<PollKind>("single");
  const [options, setOptions] = useState("");
  const create = useMutation(trpc.capture.poll.create.mutationOptions({ onSuccess: onCreated }));
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        sessionId,
        question,
        kind,
        options:
          kind === "scale"
            ? []
            : options
                .split("\n")
                .map((o) => o.trim())
                .filter(Boolean),
      },
      {
        onSuccess: () => {
          setQuestion("");
          setOptions("");
        },
      },
    );
  }
  return (
    <form className="capture-form" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <Heading level={headingLevel + 1} id={`${id}-heading`}>
        {t("polls.create")}
      </Heading>
      <label htmlFor={`${id}-q`}>{t("polls.question")}</label>
      <input
        id={`${id}-q`}
        value={question}
        maxLength={LIMITS.pollQuestion}
        required
        onChange={(e) => setQuestion(e.target.value)}
      />
      <label htmlFor={`${id}-kind`}>{t("polls.kind")}</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
        {POLL_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`polls.kinds.${k}`)}
          </option>
        ))}
      </select>
      {kind !== "scale" && (
        <>
          <label htmlFor={`${id}-options`}>{t("polls.options")}</label>
          <textarea
            id={`${id}-options`}
            value={options}
            rows={3}
            onChange={(e) => setOptions(e.target.value)}
          />
        </>
      )}
      <button type="submit" className="primary">
        {t("polls.submitCreate")}
      </button>
      {create.isError && (
        <p role="alert" className="error">
          {t("form.error", { message: errorMessage(create.error, t("common:error.generic")) })}
        </p>
      )}
    </form>
  );
}

function PollItem({
  poll,
  canModerate,
  onChanged,
  headingLevel,
}: {
  poll: PollView;
  canModerate: boolean;
  onChanged: (poll: PollView) => void;
  headingLevel: number;
}) {
  const { t } = useTranslation(["outcomes", "common"]);
  const trpc = useTRPC();
  const id = useId();
  const [choices, setChoices] = useState<number[]>(poll.myChoices);
  const vote = useMutation(trpc.capture.poll.vote.mutationOptions({ onSuccess: onChanged }));
  const setStatus = useMutation(trpc.capture.poll.setStatus.mutationOptions({ onSuccess: onChanged }));
  const toOutcome = useMutation(trpc.capture.poll.toOutcome.mutationOptions());
  const values =
    poll.kind === "scale" ? [1, 2, 3, 4, 5].map((v) => ({ id: v, label: String(v) })) : poll.options;
  const max = Math.max(1, ...Object.values(poll.counts));
  const scope = { sessionId: poll.sessionId, pollId: poll.id };
  const statusLabel =
    poll.status === "open"
      ? t("polls.isOpen")
      : poll.status === "closed"
        ? t("polls.closed")
        : t("polls.draft");
  return (
    <li className="poll" aria-labelledby={`${id}-q`}>
      <Heading level={headingLevel + 2} id={`${id}-q`}>
        {poll.question}
      </Heading>
      <p className="meta">
        {statusLabel} · {t("polls.voters", { count: poll.voters })}
      </p>
      {poll.status === "open" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (choices.length) vote.mutate({ ...scope, choices });
          }}
        >
          <fieldset>
            <legend className="visually-hidden">{poll.question}</legend>
            {values.map((v) => (
              <div key={v.id} className="field-row">
                <input
                  id={`${id}-${v.id}`}
                  type={poll.kind === "multiple" ? "checkbox" : "radio"}
                  name={`${id}-choice`}
                  checked={choices.includes(v.id)}
                  onChange={(e) =>
                    setChoices(
                      poll.kind === "multiple"
                        ? e.target.checked
                          ? [...choices, v.id]
                          : choices.filter((c) => c !== v.id)
                        : [v.id],
                    )
                  }
                />
                <label htmlFor={`${id}-${v.id}`}>{v.label}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t("polls.vote")}</button>
          {vote.isSuccess && <p role="status">{t("polls.voted")}</p>}
          {vote.isError && (
            <p role="alert" className="error">
              {t("form.error", { message: errorMessage(vote.error, t("common:error.generic")) })}
            </p>
          )}
        </form>
      )}
      {poll.status !== "draft" && (
        <ul className="poll-results">
          {values.map((v) => {
            const count = poll.counts[String(v.id)] ?? 0;
            return (
              <li key={v.id}>
                <span>{t("polls.result", { label: v.label, count })}</span>
                <meter min={0} max={max} value={count} aria-label={v.label} />
              </li>
            );
          })}
        </ul>
      )}
      {canModerate && (
        <div className="moderation">
          {poll.status !== "open" ? (
            <button type="button" onClick={() => setStatus.mutate({ ...scope, status: "open" })}>
              {t("polls.open")}
            </button>
          ) : (
            <button type="button" onClick={() => setStatus.mutate({ ...scope, status: "closed" })}>
              {t("polls.close")}
            </button>
          )}
          {poll.status !== "draft" && !poll.outcomeId && (
            <button type="button" onClick={() => toOutcome.mutate({ ...scope, kind: "insight" })}>
              {t("polls.toOutcome")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
