import {
  and,
  count,
  type Database,
  eq,
  inArray,
  newRoomName,
  Session,
  Theme,
  type Transaction,
} from "@reeks/db";
import {
  AUTHORING_LIMITS,
  type addThemeInputSchema,
  type moveThemeInputSchema,
  type removeThemeInputSchema,
  type updateThemeInputSchema,
} from "@reeks/models";
import type { z } from "zod";
import { DomainError } from "../domain-error";
import { type AuthoringActor, bothLanguages, editSeries, renumber } from "./editor";

/** A theme of this series, or NOT_FOUND (never another series' theme). */
async function themeOf(tx: Transaction, seriesId: string, themeId: string) {
  const theme = await tx.query.Theme.findFirst({
    where: and(eq(Theme.id, themeId), eq(Theme.seriesId, seriesId)),
  });
  if (!theme) throw new DomainError("NOT_FOUND", "themeNotFound");
  return theme;
}

function textsOf(theme: typeof Theme.$inferSelect) {
  return {
    title: bothLanguages(theme.title),
    guidingQuestion: bothLanguages(theme.guidingQuestion),
    description: bothLanguages(theme.description),
  };
}

/** A new theme at the end, with its one session (a theme may get more). */
export async function addTheme(
  db: Database,
  input: z.infer<typeof addThemeInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    { actor, expectedVersion: input.expectedVersion, action: "theme.add" },
    async (tx) => {
      const themes = await tx
        .select({ position: Theme.position })
        .from(Theme)
        .where(eq(Theme.seriesId, actor.seriesId));
      if (themes.length >= AUTHORING_LIMITS.themes) {
        throw new DomainError("BAD_REQUEST", "tooManyThemes", { params: { max: AUTHORING_LIMITS.themes } });
      }
      const position = Math.max(0, ...themes.map((t) => t.position)) + 1;
      const [theme] = await tx
        .insert(Theme)
        .values({ seriesId: actor.seriesId, position, ...input.texts })
        .returning();
      if (!theme) throw new Error("theme missing after insert");
      const [last] = await tx
        .select({ n: count() })
        .from(Session)
        .where(eq(Session.seriesId, actor.seriesId));
      await tx.insert(Session).values({
        seriesId: actor.seriesId,
        themeId: theme.id,
        position: 1_000_000 + (last?.n ?? 0),
        roomName: newRoomName(),
      });
      await renumber(tx, actor.seriesId);
      return { after: { themeId: theme.id, ...input.texts } };
    },
  );
}

export async function updateTheme(
  db: Database,
  input: z.infer<typeof updateThemeInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    { actor, expectedVersion: input.expectedVersion, action: "theme.edit", target: `theme:${input.themeId}` },
    async (tx) => {
      const theme = await themeOf(tx, actor.seriesId, input.themeId);
      await tx.update(Theme).set(input.texts).where(eq(Theme.id, theme.id));
      return { before: textsOf(theme), after: input.texts };
    },
  );
}

/** One step up or down: what the keyboard's move buttons do. */
export async function moveTheme(
  db: Database,
  input: z.infer<typeof moveThemeInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    { actor, expectedVersion: input.expectedVersion, action: "theme.move", target: `theme:${input.themeId}` },
    async (tx) => {
      const theme = await themeOf(tx, actor.seriesId, input.themeId);
      const themes = await tx.select().from(Theme).where(eq(Theme.seriesId, actor.seriesId));
      themes.sort((a, b) => a.position - b.position);
      const index = themes.findIndex((t) => t.id === theme.id);
      const swapWith = themes[input.direction === "up" ? index - 1 : index + 1];
      if (!swapWith) throw new DomainError("BAD_REQUEST", "cannotMoveFurther");
      // Through a free position: (series, position) is unique at every statement.
      await tx.update(Theme).set({ position: -1 }).where(eq(Theme.id, theme.id));
      await tx.update(Theme).set({ position: theme.position }).where(eq(Theme.id, swapWith.id));
      await tx.update(Theme).set({ position: swapWith.position }).where(eq(Theme.id, theme.id));
      await renumber(tx, actor.seriesId);
      return { before: { position: theme.position }, after: { position: swapWith.position } };
    },
  );
}

/** Removes a theme and its sessions, as long as none of them is scheduled yet. */
export async function removeTheme(
  db: Database,
  input: z.infer<typeof removeThemeInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: "theme.remove",
      target: `theme:${input.themeId}`,
    },
    async (tx) => {
      const theme = await themeOf(tx, actor.seriesId, input.themeId);
      const sessions = await tx.select().from(Session).where(eq(Session.themeId, theme.id));
      if (sessions.some((s) => s.status !== "draft")) {
        throw new DomainError("PRECONDITION_FAILED", "themeHasScheduledSessions");
      }
      if (sessions.length > 0) {
        await tx.delete(Session).where(
          inArray(
            Session.id,
            sessions.map((s) => s.id),
          ),
        );
      }
      await tx.delete(Theme).where(eq(Theme.id, theme.id));
      await renumber(tx, actor.seriesId);
      return { before: { ...textsOf(theme), position: theme.position, sessions: sessions.length } };
    },
  );
}
