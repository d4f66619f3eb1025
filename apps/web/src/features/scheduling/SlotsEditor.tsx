import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, TextField } from "../../components/ui";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { AccessError, fieldErrorsOf, type PollView, sessionHeading, useSlotLabel } from "./shared";

/** Candidate dates per session, typed as local date and times in the series' time zone. */
export function SlotsEditor({ view, onChange }: { view: PollView; onChange: (message: string) => void }) {
  const { t } = useTranslation("scheduling");
  return (
    <section aria-labelledby="slots-heading">
      <h2 id="slots-heading">{t("planning.slotsHeading")}</h2>
      {view.sessions.map((session) => (
        <SessionSlots key={session.id} view={view} session={session} onChange={onChange} />
      ))}
    </section>
  );
}

function SessionSlots({
  view,
  session,
  onChange,
}: {
  view: PollView;
  session: PollView["sessions"][number];
  onChange: (message: string) => void;
}) {
  const { t } = useTranslation("scheduling");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const slotLabel = useSlotLabel(view.timeZone);
  const [date, setDate] = useState("");
  const [start, setStart] = useState("15:00");
  const [end, setEnd] = useState("16:30");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.scheduling.pathKey() });
  const add = useMutation(
    trpc.scheduling.addSlots.mutationOptions({
      onSuccess: async () => {
        onChange(t("planning.slotAdded"));
        setDate("");
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.scheduling.removeSlot.mutationOptions({ onSuccess: refresh }));
  const errors = fieldErrorsOf(add.error);
  const prefix = `slot-${session.id}`;
  const errorFor = (field: string) => [...(errors[`slots.0.${field}`] ?? []), ...(errors[field] ?? [])];

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ seriesId: view.seriesId, sessionId: session.id, slots: [{ date, start, end }] });
  }

  const headingId = `${prefix}-heading`;
  return (
    <section className="session-slots" aria-labelledby={headingId}>
      <h3 id={headingId}>{sessionHeading(t, session, locale)}</h3>
      {session.slots.length === 0 ? (
        <p>{t("planning.noSlots")}</p>
      ) : (
        <ul>
          {session.slots.map((slot) => (
            <li key={slot.id}>
              {slotLabel(slot)} {/* The date a confirmed plan stands on is not removed from under it. */}
              {!(view.poll?.status === "confirmed" && slot.startsAt === session.startsAt) && (
                <Button
                  variant="quiet"
                  icon={Trash2}
                  className="ui-icon-button"
                  aria-label={t("planning.removeSlot", { slot: slotLabel(slot) })}
                  onPress={() => remove.mutate({ seriesId: view.seriesId, slotId: slot.id })}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="slot-add" noValidate>
        <TextField
          label={t("planning.date")}
          type="date"
          value={date}
          onChange={setDate}
          errorMessage={errorFor("date").join(" ") || undefined}
        />
        <TextField
          label={t("planning.start")}
          type="time"
          value={start}
          onChange={setStart}
          errorMessage={errorFor("start").join(" ") || undefined}
        />
        <TextField
          label={t("planning.end")}
          type="time"
          value={end}
          onChange={setEnd}
          errorMessage={errorFor("end").join(" ") || undefined}
        />
        <Button type="submit" icon={Plus} isDisabled={add.isPending}>
          {t("planning.addSlot", { position: session.position })}
        </Button>
      </form>
      {add.isError && Object.keys(errors).length === 0 && <AccessError error={add.error} />}
    </section>
  );
}
