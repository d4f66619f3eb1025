import { scheduling } from "@reeks/api";
import { asc, type Database, eq, Series, Session, Theme } from "@reeks/db";
import { pickLocale } from "@reeks/models";

/**
 * The recommended plan (and its alternatives) as plain text for the terminal, in Dutch like the
 * organisers' other tools. Null when the series does not exist.
 */
export async function formatScheduleSuggestion(db: Database, slug: string): Promise<string | null> {
  const series = await db.query.Series.findFirst({ where: eq(Series.slug, slug) });
  if (!series) return null;
  const sessions = await db
    .select({ id: Session.id, position: Session.position, title: Theme.title })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(eq(Session.seriesId, series.id))
    .orderBy(asc(Session.position));
  const suggestion = await scheduling.suggestSchedule(db, { seriesId: series.id });
  const lines = [`${pickLocale(series.title, "nl")} — tijdzone ${series.timeZone}`];
  if (suggestion.sessionsWithoutSlots.length > 0) {
    lines.push(`Nog geen tijdsloten voor sessie ${suggestion.sessionsWithoutSlots.join(", ")}.`);
    return lines.join("\n");
  }
  if (suggestion.plans.length === 0) {
    lines.push("Geen plan voldoet aan de voorwaarden (volgorde, tussenruimte, verplichte deelnemers).");
    return lines.join("\n");
  }
  lines.push(`${suggestion.respondents} mensen hebben hun beschikbaarheid doorgegeven.`);
  suggestion.plans.forEach((plan, index) => {
    const { fullAttendance, ifNeedBe, attendance } = plan.score;
    lines.push(
      "",
      `${index === 0 ? "Aanbevolen plan" : `Alternatief ${index}`}: ${fullAttendance} van ${suggestion.respondents} bij alle sessies, ${ifNeedBe}× "als het moet", ${attendance} aanwezigen in totaal`,
    );
    plan.slots.forEach((slot, i) => {
      const session = sessions[i];
      const missing = plan.missing[i]?.people.map((p) => p.name) ?? [];
      const title = session ? pickLocale(session.title, "nl") : "?";
      lines.push(
        `  ${session?.position ?? i + 1}. ${slot.date} ${slot.start}–${slot.end}  ${title}`,
        `     mist: ${missing.length ? missing.join(", ") : "niemand"}`,
      );
    });
  });
  return lines.join("\n");
}
