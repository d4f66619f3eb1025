import type { Database } from "@reeks/db";
import type { z } from "zod";
import { assertThemeInSeries, type CaptureActor, viewerOf } from "./actor";
import { assertGroupAccess } from "./groups";
import type { captureOutcomeInput } from "./inputs";
import { publishItem } from "./live-events";
import { checkActionFields, insertOutcome } from "./outcome-rules";
import { cleanText } from "./text";
import { callerOutcomeView } from "./views";

/** Someone in the session captures an item: a proposal from a member, confirmed from a moderator. */
export async function captureOutcome(
  db: Database,
  input: z.infer<typeof captureOutcomeInput>,
  actor: CaptureActor,
) {
  const text = cleanText(input.text);
  if (input.themeId) await assertThemeInSeries(db, input.themeId, actor.seriesId);
  if (input.breakoutGroupId)
    await assertGroupAccess(db, actor, input.breakoutGroupId, "groupCaptureForbidden");
  await checkActionFields(db, actor, input);
  const record = await db.transaction(async (tx) => {
    const id = await insertOutcome(tx, actor, {
      kind: input.kind,
      text,
      attribution: input.attribution,
      themeId: input.themeId,
      owner: input.owner,
      dueDate: input.dueDate,
      source: "proposed",
      breakoutGroupId: input.breakoutGroupId,
    });
    return publishItem(tx, actor, "outcome", id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
