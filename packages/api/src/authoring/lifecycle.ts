import { AuditEntry, type Database, eq, Series, Session, Theme } from "@reeks/db";
import {
  DEFAULT_REGISTRATION_SETTINGS,
  type MissingItem,
  offeredLocales,
  type SeriesStatus,
} from "@reeks/models";
import { recordAudit } from "../audit";
import { VersionConflict } from "../capture/conflict";
import { DomainError } from "../domain-error";
import { type AuthoringActor, type EditableSeries, editableSeries, editSeries } from "./editor";

/** What publishing needs and the series lacks: themes, a session per theme, texts in every language offered. */
export function missingForPublication(series: EditableSeries): MissingItem[] {
  const missing: MissingItem[] = [];
  const locales = offeredLocales(series.languages);
  if (series.themes.length === 0) missing.push({ kind: "themes" });
  for (const locale of locales) {
    if (!series.title[locale]) missing.push({ kind: "seriesText", field: "title", locale });
    if (!series.description[locale]) missing.push({ kind: "seriesText", field: "description", locale });
  }
  for (const theme of series.themes) {
    if (!series.sessions.some((s) => s.themeId === theme.id)) {
      missing.push({ kind: "sessions", themeId: theme.id, position: theme.position });
    }
    for (const locale of locales) {
      for (const field of ["title", "guidingQuestion", "description"] as const) {
        if (!theme[field][locale]) {
          missing.push({ kind: "themeText", themeId: theme.id, position: theme.position, field, locale });
        }
      }
    }
  }
  const registration = series.registration ?? DEFAULT_REGISTRATION_SETTINGS;
  for (const locale of locales) {
    if (!registration.consentText[locale] || !registration.consentPurpose[locale]) {
      missing.push({ kind: "consent", locale });
    }
    for (const question of registration.questions) {
      const choicesMissing = question.choices.some((choice) => !choice[locale]);
      if (!question.label[locale] || choicesMissing) {
        missing.push({ kind: "questionText", questionId: question.id, locale });
      }
    }
  }
  return missing;
}

export async function completeness(db: Database, actor: AuthoringActor) {
  const series = await editableSeries(db, actor.seriesId);
  return { version: series.version, missing: missingForPublication(series) };
}

/** The steps a series goes through, each from the one before it (archiving from any live stage). */
const TRANSITIONS = {
  publish: { from: ["draft"], to: "published" },
  start: { from: ["published"], to: "running" },
  finish: { from: ["running"], to: "finished" },
  archive: { from: ["published", "running", "finished"], to: "archived" },
} as const satisfies Record<string, { from: readonly SeriesStatus[]; to: SeriesStatus }>;
export type Transition = keyof typeof TRANSITIONS;

/**
 * Moves the series on. Publishing refuses an incomplete series, naming what is missing in the
 * conflict's details (`error.data.conflict.missing`), so the checklist can show it.
 */
export async function transition(
  db: Database,
  input: { expectedVersion: number },
  step: Transition,
  actor: AuthoringActor,
) {
  const { from, to } = TRANSITIONS[step];
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: `series.${step}`,
      target: `series:${actor.seriesId}`,
      allowedIn: from,
    },
    async (tx, series) => {
      if (step === "publish") {
        const missing = missingForPublication(await editableSeries(tx, actor.seriesId));
        if (missing.length > 0) throw new IncompleteSeries(missing);
      }
      await tx.update(Series).set({ status: to }).where(eq(Series.id, series.id));
      return { before: { status: series.status }, after: { status: to } };
    },
  );
}

/** Publishing an incomplete series: PRECONDITION_FAILED with the list of what is missing. */
export class IncompleteSeries extends DomainError {
  constructor(readonly missing: MissingItem[]) {
    super("PRECONDITION_FAILED", "seriesIncomplete", { params: { count: missing.length } });
  }
}

/**
 * Deletes a draft with everything in it. Published series are archived instead, and their personal
 * data follow the retention. The audit entry outlives the series (it names no series to cascade from).
 */
export async function deleteDraft(db: Database, input: { expectedVersion: number }, actor: AuthoringActor) {
  await db.transaction(async (tx) => {
    const [series] = await tx.select().from(Series).where(eq(Series.id, actor.seriesId)).for("update");
    if (!series) throw new DomainError("NOT_FOUND", "seriesNotFound");
    if (series.version !== input.expectedVersion) {
      throw new VersionConflict({ current: await editableSeries(tx, series.id), changes: [] });
    }
    if (series.status !== "draft") throw new DomainError("PRECONDITION_FAILED", "onlyDraftDeleted");
    // Sessions first: a theme may not go while a session points at it.
    await tx.delete(Session).where(eq(Session.seriesId, series.id));
    await tx.delete(Theme).where(eq(Theme.seriesId, series.id));
    await tx.delete(AuditEntry).where(eq(AuditEntry.seriesId, series.id));
    await tx.delete(Series).where(eq(Series.id, series.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: null,
      action: "series.delete",
      target: `series:${series.id}`,
      details: { before: { slug: series.slug, title: series.title } },
    });
  });
  return { deleted: true };
}
