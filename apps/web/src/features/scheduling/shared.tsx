import type { RouterOutputs } from "@reeks/api";
import { type Locale, pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

export type PollView = RouterOutputs["scheduling"]["overview"];
export type Slot = PollView["sessions"][number]["slots"][number];
export type Answer = "yes" | "if_need_be" | "no";

/** The series of the page, from the :slug in the URL. */
export function useSeriesFromSlug() {
  const trpc = useTRPC();
  const { slug = "" } = useParams();
  return useQuery(trpc.series.bySlug.queryOptions({ slug }));
}

/** A slot as people read it: the local date in words and the local times, in the series' zone. */
export function useSlotLabel(timeZone: string) {
  const { t } = useTranslation("scheduling");
  const locale = useLocale();
  return (slot: Slot) => {
    const date = formatDateTime(slot.startsAt, locale, {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone,
    });
    return t("slotLabel", { date, start: slot.start, end: slot.end });
  };
}

/**
 * A slot in a narrow column or row: the short day ("vr 5 nov") and the times apart, so a header never
 * runs a session number into a date; `full` is the whole label for screen readers and dialogs.
 */
export function useShortSlot(timeZone: string) {
  const locale = useLocale();
  const full = useSlotLabel(timeZone);
  return (slot: Slot) => ({
    weekday: formatDateTime(slot.startsAt, locale, { weekday: "short", timeZone }),
    day: formatDateTime(slot.startsAt, locale, { day: "numeric", month: "short", timeZone }),
    time: `${slot.start}–${slot.end}`,
    full: full(slot),
  });
}

export function sessionHeading(
  t: (key: "sessionHeading", options: Record<string, unknown>) => string,
  session: PollView["sessions"][number],
  locale: Locale,
) {
  return t("sessionHeading", { position: session.position, title: pickLocale(session.title, locale) });
}

/** Field messages from a BAD_REQUEST (already in the person's language), keyed by field path. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (error instanceof TRPCClientError) {
    return ((error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ??
      {}) as Record<string, string[]>;
  }
  return {};
}

/** A query error as a sentence: not signed in, not allowed, or something else. */
export function AccessError({ error }: { error: unknown }) {
  const { t } = useTranslation(["scheduling", "common"]);
  const code =
    error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
  const message =
    code === "UNAUTHORIZED"
      ? t("scheduling:signInNeeded")
      : code === "FORBIDDEN"
        ? t("scheduling:forbidden")
        : code === "NOT_FOUND"
          ? t("common:error.notFound")
          : t("common:error.generic");
  return <p role="alert">{message}</p>;
}

/** An answer in words with a symbol: meaning never rests on colour alone. */
export function AnswerText({ answer }: { answer: Answer | null }) {
  const { t } = useTranslation("scheduling");
  const key = answer ?? "none";
  return (
    <span className={`answer answer-${key}`}>
      <span aria-hidden="true">{t(`symbols.${key}`)} </span>
      {t(`answers.${key}`)}
    </span>
  );
}

export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error">
      {messages.join(" ")}
    </p>
  );
}
