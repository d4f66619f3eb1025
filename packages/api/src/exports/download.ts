import type { Database } from "@reeks/db";
import { type ExportRequest, exportToBuffer, renderExport } from "@reeks/exports";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { DomainError } from "../domain-error";
import { assembleSeriesExport } from "./assemble";
import { seriesDashboard } from "./dashboard";
import { renderOneAtATime } from "./one-at-a-time";

async function seriesData(db: Database, actor: Pick<Actor, "seriesId">) {
  const data = await assembleSeriesExport(db, { seriesId: actor.seriesId });
  if (!data) throw new DomainError("NOT_FOUND", "seriesNotFound");
  return data;
}

/** The organiser's overview of their series. */
export async function exportDashboard(db: Database, actor: Pick<Actor, "seriesId">) {
  return seriesDashboard(await seriesData(db, actor));
}

/**
 * One document as base64, recorded in the audit log (it carries names and attendance). Dashboard
 * documents are small (the demo series is a few hundred KB); the CLI streams large series to disk instead.
 */
export async function downloadExport(db: Database, input: ExportRequest, actor: Actor) {
  const data = await seriesData(db, actor);
  if (input.themePosition !== undefined && !data.themes.some((t) => t.position === input.themePosition)) {
    throw new DomainError("NOT_FOUND", "themeNotFound");
  }
  const { file, content } = await renderOneAtATime(async () => {
    const file = renderExport(data, input);
    return { file, content: await exportToBuffer(file) };
  });
  await recordAudit(db, {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "export.download",
    target: `series:${actor.seriesId}`,
    details: {
      kind: input.kind,
      format: input.format,
      locale: input.locale,
      themePosition: input.themePosition ?? null,
    },
  });
  return { fileName: file.fileName, mimeType: file.mimeType, base64: content.toString("base64") };
}
