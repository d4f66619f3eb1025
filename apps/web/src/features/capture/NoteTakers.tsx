import type { NoteTakerView } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { errorMessage } from "./errors";
import { Heading } from "./Heading";

function label(person: NoteTakerView): string {
  return person.organisation ? `${person.name} (${person.organisation})` : person.name;
}

/**
 * The moderator's side of the notes: who writes besides the moderators, adding a participant of the
 * series as note-taker and removing one. The result is read out in a status region; the person
 * concerned sees their panel switch between reading and writing through the live stream.
 */
export function NoteTakers({ sessionId, headingLevel }: { sessionId: string; headingLevel: number }) {
  const { t } = useTranslation(["outcomes", "common"]);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const picker = useRef<HTMLSelectElement>(null);
  const [choice, setChoice] = useState("");
  const [message, setMessage] = useState("");
  const [pickError, setPickError] = useState("");
  const takers = useQuery(trpc.capture.notes.takers.queryOptions({ sessionId }));
  const designate = useMutation(
    trpc.capture.notes.designate.mutationOptions({
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.capture.notes.takers.queryKey({ sessionId }) }),
    }),
  );

  function change(person: NoteTakerView, on: boolean) {
    setMessage("");
    setPickError("");
    designate.mutate(
      { sessionId, participantId: person.participantId, designate: on },
      {
        onSuccess: () => {
          setMessage(t(on ? "notes.takers.added" : "notes.takers.removed", { name: person.name }));
          if (on) setChoice("");
          // The remove button just pressed is gone: keep focus in the section, on the picker.
          else picker.current?.focus();
        },
      },
    );
  }

  function add(event: FormEvent) {
    event.preventDefault();
    const person = takers.data?.candidates.find((c) => c.participantId === choice);
    if (!person) {
      setPickError(t("notes.takers.pickFirst"));
      picker.current?.focus();
      return;
    }
    change(person, true);
  }

  const data = takers.data;
  return (
    <section aria-labelledby={`${id}-heading`} className="note-takers">
      <Heading level={headingLevel} id={`${id}-heading`}>
        {t("notes.takers.heading")}
      </Heading>
      <p className="muted">{t("notes.takers.intro")}</p>
      {takers.isPending && <p role="status">{t("common:loading")}</p>}
      {takers.isError && <p role="alert">{t("common:error.generic")}</p>}
      {data && (
        <>
          {data.noteTakers.length === 0 ? (
            <p>{t("notes.takers.none")}</p>
          ) : (
            <ul className="note-taker-list">
              {data.noteTakers.map((person) => (
                <li key={person.participantId}>
                  <span>{label(person)}</span>
                  <button type="button" disabled={designate.isPending} onClick={() => change(person, false)}>
                    {t("notes.takers.remove")}
                    <span className="visually-hidden">
                      {t("notes.takers.removeWho", { name: person.name })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {data.candidates.length === 0 ? (
            <p className="muted">{t("notes.takers.noCandidates")}</p>
          ) : (
            <form className="field-row" onSubmit={add} noValidate>
              <label htmlFor={`${id}-pick`}>{t("notes.takers.pick")}</label>
              <select
                id={`${id}-pick`}
                ref={picker}
                value={choice}
                aria-invalid={pickError ? true : undefined}
                aria-describedby={pickError ? `${id}-pick-error` : undefined}
                onChange={(e) => {
                  setChoice(e.target.value);
                  setPickError("");
                }}
              >
                <option value="">{t("notes.takers.pickPlaceholder")}</option>
                {data.candidates.map((person) => (
                  <option key={person.participantId} value={person.participantId}>
                    {label(person)}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={designate.isPending}>
                {t("notes.takers.add")}
              </button>
            </form>
          )}
          {pickError && (
            <p id={`${id}-pick-error`} role="alert" className="error">
              {pickError}
            </p>
          )}
        </>
      )}
      <p className="meta" role="status">
        {message}
      </p>
      {designate.isError && (
        <p role="alert" className="error">
          {errorMessage(designate.error, t("common:error.generic"))}
        </p>
      )}
    </section>
  );
}
