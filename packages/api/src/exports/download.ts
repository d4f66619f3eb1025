import {
  and,
  asc,
  BreakoutGroup,
  BreakoutMember,
  BreakoutRound,
  type Database,
  eq,
  inArray,
  isNotNull,
} from "@reeks/db";
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

/** The organiser's overview of their series, with the breakout groups each person was in. */
export async function exportDashboard(db: Database, actor: Pick<Actor, "seriesId">) {
  const dashboard = seriesDashboard(await seriesData(db, actor));
  const sessionIds = dashboard.sessions.map((s) => s.id);
  const placements = sessionIds.length
    ? await db
        .select({
          sessionId: BreakoutGroup.sessionId,
          participantId: BreakoutMember.participantId,
          name: BreakoutGroup.name,
        })
        .from(BreakoutMember)
        .innerJoin(BreakoutGroup, eq(BreakoutGroup.id, BreakoutMember.groupId))
        .innerJoin(BreakoutRound, eq(BreakoutRound.id, BreakoutMember.roundId))
        // Only rounds that ran: a plan that never opened put nobody anywhere.
        .where(and(inArray(BreakoutGroup.sessionId, sessionIds), isNotNull(BreakoutRound.openedAt)))
        .orderBy(asc(BreakoutRound.openedAt), asc(BreakoutGroup.position))
    : [];
  const groupsOf = new Map<string, string[]>();
  for (const p of placements) {
    const key = `${p.sessionId}|${p.participantId}`;
    groupsOf.set(key, [...(groupsOf.get(key) ?? []), p.name]);
  }
  return {
    ...dashboard,
    rows: dashboard.rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell) => ({
        ...cell,
        groups: groupsOf.get(`${cell.sessionId}|${row.participantId}`) ?? [],
      })),
    })),
  };
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
