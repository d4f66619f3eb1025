import { type Database, EvaluationSettings, eq } from "@reeks/db";
import type { EvaluationSettings as Settings } from "@reeks/models";
import type { Actor } from "../actor";
import { withAudit } from "../audit";

export const DEFAULT_EVALUATION_SETTINGS: Settings = { mode: "anonymous", deadlineDays: 14, questions: [] };

/** The series' evaluation settings; the defaults while an organiser has not set any. */
export async function evaluationSettings(db: Pick<Database, "query">, seriesId: string): Promise<Settings> {
  const row = await db.query.EvaluationSettings.findFirst({
    where: eq(EvaluationSettings.seriesId, seriesId),
  });
  if (!row) return DEFAULT_EVALUATION_SETTINGS;
  return { mode: row.mode, deadlineDays: row.deadlineDays, questions: row.questions };
}

/** Applies to invitations made from now on; those already sent keep what their respondents were told. */
export async function updateEvaluationSettings(
  db: Database,
  input: Settings,
  actor: Actor,
): Promise<Settings> {
  const before = await evaluationSettings(db, actor.seriesId);
  const values = { mode: input.mode, deadlineDays: input.deadlineDays, questions: input.questions };
  await withAudit(
    db,
    {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: "evaluation.settings",
      target: `series:${actor.seriesId}`,
      details: { before, after: values },
    },
    async (tx) => {
      await tx
        .insert(EvaluationSettings)
        .values({ seriesId: actor.seriesId, ...values })
        .onConflictDoUpdate({
          target: EvaluationSettings.seriesId,
          set: { ...values, updatedAt: new Date() },
        });
    },
  );
  return values;
}
