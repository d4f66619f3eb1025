import { type Database, eq, newRoomName, Participant, Series, SeriesLogo, Session, Theme } from "@reeks/db";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { type AuthoringActor, isUniqueViolation } from "./editor";

/**
 * Next year's series from this one: texts, themes, sessions (without dates), settings and branding.
 * No people (but the organiser who duplicates, or nobody could manage it), no outcomes, no polls.
 */
export async function duplicateSeries(db: Database, input: { slug: string }, actor: AuthoringActor) {
  try {
    return await withAudit(
      db,
      (made: { id: string }) => ({
        actorId: actor.personId,
        seriesId: made.id,
        action: "series.duplicate",
        target: `series:${made.id}`,
        details: { version: 0, before: null, after: { from: actor.seriesId, slug: input.slug } },
      }),
      async (tx) => {
        const source = await tx.query.Series.findFirst({
          where: eq(Series.id, actor.seriesId),
          with: { themes: true, sessions: true },
        });
        if (!source) throw new DomainError("NOT_FOUND", "seriesNotFound");
        const [copy] = await tx
          .insert(Series)
          .values({
            slug: input.slug,
            title: source.title,
            organiser: source.organiser,
            description: source.description,
            languages: source.languages,
            timeZone: source.timeZone,
            retentionMonths: source.retentionMonths,
            capacity: source.capacity,
            defaultAttribution: source.defaultAttribution,
            registration: source.registration,
            accentColour: source.accentColour,
            status: "draft",
          })
          .returning({ id: Series.id, slug: Series.slug });
        if (!copy) throw new Error("series missing after insert");
        const themeIds = new Map<string, string>();
        for (const theme of source.themes) {
          const [made] = await tx
            .insert(Theme)
            .values({
              seriesId: copy.id,
              position: theme.position,
              title: theme.title,
              guidingQuestion: theme.guidingQuestion,
              description: theme.description,
            })
            .returning({ id: Theme.id });
          if (made) themeIds.set(theme.id, made.id);
        }
        for (const session of source.sessions) {
          const themeId = themeIds.get(session.themeId);
          if (!themeId) continue;
          await tx.insert(Session).values({
            seriesId: copy.id,
            themeId,
            position: session.position,
            status: "draft",
            durationMinutes: session.durationMinutes,
            capacity: session.capacity,
            speakers: session.speakers,
            roomName: newRoomName(),
          });
        }
        const logo = await tx.query.SeriesLogo.findFirst({ where: eq(SeriesLogo.seriesId, source.id) });
        if (logo) {
          await tx.insert(SeriesLogo).values({ ...logo, seriesId: copy.id, updatedAt: new Date() });
        }
        const me = await tx.query.Participant.findFirst({ where: eq(Participant.id, actor.participantId) });
        await tx.insert(Participant).values({
          seriesId: copy.id,
          personId: actor.personId,
          organisation: me?.organisation ?? source.organiser,
          jobTitle: me?.jobTitle ?? "",
          role: "organiser",
          status: "approved",
          source: "invitation",
          decidedAt: new Date(),
        });
        return copy;
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "slugTaken", { field: ["slug"] });
    throw error;
  }
}
