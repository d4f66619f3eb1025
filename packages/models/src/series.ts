import { z } from "zod";
import { type LocalizedText, localizedTextSchema } from "./locale";

export const SESSION_STATUSES = ["draft", "scheduled", "live", "ended", "cancelled"] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const PARTICIPANT_ROLES = ["organiser", "moderator", "speaker", "member"] as const;
export const participantRoleSchema = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

export const REGISTRATION_STATUSES = ["interested", "approved", "waitlisted", "declined"] as const;
export const registrationStatusSchema = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

export const slugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export interface ThemeOverview {
  id: string;
  position: number;
  title: LocalizedText;
  guidingQuestion: LocalizedText;
  description: LocalizedText;
}

export interface SessionOverview {
  id: string;
  position: number;
  themeId: string;
  status: SessionStatus;
  startsAt: string | null;
  durationMinutes: number;
  /** When its room really opened and closed (null before): what happened, beside what was planned. */
  startedAt: string | null;
  endedAt: string | null;
}

export interface SeriesOverview {
  id: string;
  slug: string;
  title: LocalizedText;
  organiser: string;
  timeZone: string;
  status: "draft" | "published" | "running" | "finished" | "archived";
  languages: "nl" | "en" | "both";
  /** Markdown per language; render without raw HTML. */
  description: LocalizedText;
  accentColour: string | null;
  /** Changes when the logo does (cache-busting); null: no logo. */
  logoVersion: number | null;
  themes: ThemeOverview[];
  sessions: SessionOverview[];
}

export { localizedTextSchema };
