import { type Database, eq, Series } from "@reeks/db";
import type { RegistrationSettings, updateSeriesInputSchema } from "@reeks/models";
import type { z } from "zod";
import { fillFreedPlaces } from "../accounts/seats";
import { DomainError, fieldError } from "../domain-error";
import { AA_RATIO, accentContrast } from "./contrast";
import { type AuthoringActor, bothLanguages, editSeries, isUniqueViolation } from "./editor";

/** Rules zod cannot say alone: unique question ids, choices for a choice question. */
function checkRegistration(settings: RegistrationSettings): void {
  const ids = new Set<string>();
  for (const [index, question] of settings.questions.entries()) {
    if (ids.has(question.id))
      throw fieldError(["registration", "questions", index, "id"], "duplicateQuestionId");
    ids.add(question.id);
    if (question.kind === "choice" && question.choices.length < 2) {
      throw fieldError(["registration", "questions", index, "choices"], "choicesNeeded");
    }
  }
}

/** The series' own settings, registration settings and slug (the slug only while a draft). */
export async function updateSeries(
  db: Database,
  input: z.infer<typeof updateSeriesInputSchema>,
  actor: AuthoringActor,
) {
  const accent = input.settings.accentColour;
  if (accent) {
    const { ratio } = accentContrast(accent);
    if (ratio < AA_RATIO) {
      throw fieldError(["settings", "accentColour"], "lowContrast", { ratio: ratio.toFixed(2) });
    }
  }
  if (input.registration) checkRegistration(input.registration);
  try {
    return await editSeries(
      db,
      {
        actor,
        expectedVersion: input.expectedVersion,
        action: "series.edit",
        target: `series:${actor.seriesId}`,
      },
      async (tx, series) => {
        if (input.slug && input.slug !== series.slug && series.status !== "draft") {
          throw fieldError(["slug"], "slugFixed");
        }
        const before = {
          slug: series.slug,
          title: bothLanguages(series.title),
          organiser: series.organiser,
          description: bothLanguages(series.description),
          languages: series.languages,
          timeZone: series.timeZone,
          defaultAttribution: series.defaultAttribution,
          retentionMonths: series.retentionMonths,
          capacity: series.capacity,
          accentColour: series.accentColour,
          registration: series.registration,
        };
        const changes = {
          ...(input.slug ? { slug: input.slug } : {}),
          ...input.settings,
          ...(input.registration ? { registration: input.registration } : {}),
        };
        // A save that changes nothing still names a version (and is audited), but sets no column.
        if (Object.keys(changes).length > 0) {
          await tx.update(Series).set(changes).where(eq(Series.id, series.id));
        }
        if ("capacity" in changes && changes.capacity !== series.capacity) {
          // More room (or none to count): people on the waiting list may move up.
          await fillFreedPlaces(tx, series.id, `capacity:${series.version}`, { notify: false });
        }
        // Only what this edit touched, so the audit log and a conflict show the change, not the form.
        const touched = Object.keys(changes) as Array<keyof typeof before>;
        return {
          before: Object.fromEntries(touched.map((key) => [key, before[key]])),
          after: changes,
        };
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "slugTaken", { field: ["slug"] });
    throw error;
  }
}
