import { AgendaSegment, asc, type Database, inArray } from "@reeks/db";
import { type Locale, pickLocale } from "@reeks/models";

export type AgendaLineSource = Pick<typeof AgendaSegment.$inferSelect, "title" | "plannedMinutes" | "kind">;

/** The agendas of these sessions in order, by session id (one query for a mail fan-out or a feed). */
export async function agendasOf(
  db: Database,
  sessionIds: string[],
): Promise<Map<string, AgendaLineSource[]>> {
  const out = new Map<string, AgendaLineSource[]>();
  if (sessionIds.length === 0) return out;
  const rows = await db
    .select({
      sessionId: AgendaSegment.sessionId,
      title: AgendaSegment.title,
      plannedMinutes: AgendaSegment.plannedMinutes,
      kind: AgendaSegment.kind,
    })
    .from(AgendaSegment)
    .where(inArray(AgendaSegment.sessionId, sessionIds))
    .orderBy(asc(AgendaSegment.sessionId), asc(AgendaSegment.position));
  for (const { sessionId, ...segment } of rows) out.set(sessionId, [...(out.get(sessionId) ?? []), segment]);
  return out;
}

/**
 * The agenda as plain text for a mail or a calendar's description: each segment at its planned clock
 * time in the series' zone ("14:05  Inleiding (15 min)"), or without times when no date is set.
 */
export function agendaText(
  segments: readonly AgendaLineSource[],
  startsAt: Date | null,
  timeZone: string,
  locale: Locale,
): string {
  if (segments.length === 0) return "";
  const clock = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
  });
  let at = startsAt?.getTime() ?? null;
  const lines = segments.map((s) => {
    const time = at === null ? "" : `${clock.format(at)}  `;
    if (at !== null) at += s.plannedMinutes * 60_000;
    return `${time}${pickLocale(s.title, locale)} (${s.plannedMinutes} min)`;
  });
  return `Agenda:\n${lines.join("\n")}`;
}
