import { z } from "zod";
import { ATTRIBUTIONS } from "./outcomes";
import { slugSchema } from "./series";

/**
 * What organisers write when they make a series of their own: its settings, themes, sessions,
 * speakers, registration questions and branding. Texts are per language offered; a draft may lack
 * some of them, publishing lists what is missing (never a refusal while typing).
 */

export const SERIES_STATUSES = ["draft", "published", "running", "finished", "archived"] as const;
export const seriesStatusSchema = z.enum(SERIES_STATUSES);
export type SeriesStatus = z.infer<typeof seriesStatusSchema>;

export const LANGUAGE_OFFERS = ["nl", "en", "both"] as const;
export const languageOfferSchema = z.enum(LANGUAGE_OFFERS);
export type LanguageOffer = z.infer<typeof languageOfferSchema>;

export function offeredLocales(offer: LanguageOffer): Array<"nl" | "en"> {
  return offer === "both" ? ["nl", "en"] : [offer];
}

export const AUTHORING_LIMITS = {
  title: 200,
  organiser: 200,
  description: 4000,
  themeTitle: 200,
  guidingQuestion: 500,
  themeDescription: 4000,
  themes: 20,
  sessionsPerTheme: 10,
  speakers: 20,
  personName: 120,
  speakerOrganisation: 160,
  speakerRole: 120,
  bio: 2000,
  questions: 5,
  questionLabel: 300,
  choices: 10,
  choiceLabel: 120,
  consent: 4000,
  answer: 500,
  logoBytes: 256 * 1024,
} as const;

/**
 * Plain text that may be empty in a draft: trimmed, no control characters except line breaks and
 * tabs (Markdown needs those). Markup is not refused: descriptions are Markdown, rendered without raw
 * HTML, and everything else is shown as text.
 */
function draftText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((text) => !/[\p{Cc}]/u.test(text.replace(/[\n\r\t]/g, "")), {
      params: { i18n: "noControlCharacters" },
    });
}

/** One text per language; either may be empty while the series is a draft. */
export function draftLocalized(max: number) {
  return z.object({ nl: draftText(max).default(""), en: draftText(max).default("") });
}
export type DraftLocalized = { nl: string; en: string };

/** A single-line name: no control characters, no angle brackets (as in registration). */
function lineText(max: number, min = 0) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => /^[^\p{Cc}<>]*$/u.test(text), { params: { i18n: "noMarkup" } });
}

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { params: { i18n: "unknownTimeZone" } },
  );

/** An accent colour as #rrggbb; whether it is readable is checked by the server (contrast). */
export const accentColourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/);

export const QUESTION_KINDS = ["text", "choice"] as const;
export const customQuestionSchema = z.object({
  /** Stable per question, so answers survive reordering and rewording. */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  kind: z.enum(QUESTION_KINDS),
  label: draftLocalized(AUTHORING_LIMITS.questionLabel),
  required: z.boolean(),
  choices: z.array(draftLocalized(AUTHORING_LIMITS.choiceLabel)).max(AUTHORING_LIMITS.choices).default([]),
});
export type CustomQuestion = z.infer<typeof customQuestionSchema>;

export const registrationSettingsSchema = z.object({
  open: z.boolean(),
  /** ISO instant; after it the registration page says it is closed. */
  closesAt: z.iso.datetime({ offset: true }).nullable(),
  approval: z.enum(["manual", "automatic"]),
  waitlist: z.boolean(),
  questions: z.array(customQuestionSchema).max(AUTHORING_LIMITS.questions),
  consentText: draftLocalized(AUTHORING_LIMITS.consent),
  consentPurpose: draftLocalized(AUTHORING_LIMITS.consent),
  /** Registering means committing to every session (as the VGS series asks). */
  commitToAll: z.boolean(),
});
export type RegistrationSettings = z.infer<typeof registrationSettingsSchema>;

export const DEFAULT_REGISTRATION_SETTINGS: RegistrationSettings = {
  open: true,
  closesAt: null,
  approval: "manual",
  waitlist: true,
  questions: [],
  consentText: { nl: "", en: "" },
  consentPurpose: { nl: "", en: "" },
  commitToAll: false,
};

const version = z.number().int().min(0).max(2_147_483_647);

export const createSeriesInputSchema = z.object({
  slug: slugSchema,
  title: draftLocalized(AUTHORING_LIMITS.title),
  organiser: lineText(AUTHORING_LIMITS.organiser, 1),
  languages: languageOfferSchema,
});
export type CreateSeriesInput = z.input<typeof createSeriesInputSchema>;

export const seriesSettingsSchema = z.object({
  title: draftLocalized(AUTHORING_LIMITS.title),
  organiser: lineText(AUTHORING_LIMITS.organiser, 1),
  /** Markdown; rendered without raw HTML. */
  description: draftLocalized(AUTHORING_LIMITS.description),
  languages: languageOfferSchema,
  timeZone: timeZoneSchema,
  defaultAttribution: z.enum(ATTRIBUTIONS),
  retentionMonths: z.number().int().min(1).max(120),
  capacity: z.number().int().min(1).max(100_000).nullable(),
  accentColour: accentColourSchema.nullable(),
});
export type SeriesSettings = z.infer<typeof seriesSettingsSchema>;

export const updateSeriesInputSchema = z.object({
  seriesId: z.uuid(),
  expectedVersion: version,
  /** Only while a draft: links to a published series must keep working. */
  slug: slugSchema.optional(),
  settings: seriesSettingsSchema.partial(),
  registration: registrationSettingsSchema.optional(),
});

export const themeTextsSchema = z.object({
  title: draftLocalized(AUTHORING_LIMITS.themeTitle),
  guidingQuestion: draftLocalized(AUTHORING_LIMITS.guidingQuestion),
  description: draftLocalized(AUTHORING_LIMITS.themeDescription),
});

export const speakerSchema = z.object({
  name: lineText(AUTHORING_LIMITS.personName, 1),
  organisation: lineText(AUTHORING_LIMITS.speakerOrganisation).default(""),
  role: lineText(AUTHORING_LIMITS.speakerRole).default(""),
  bio: draftText(AUTHORING_LIMITS.bio).default(""),
  kind: z.enum(["speaker", "guest"]).default("speaker"),
  /** Scheduling must find a date this person can make. */
  requiredForScheduling: z.boolean().default(false),
});
export type Speaker = z.infer<typeof speakerSchema>;

const scoped = { seriesId: z.uuid(), expectedVersion: version };

export const addThemeInputSchema = z.object({ ...scoped, texts: themeTextsSchema });
export const updateThemeInputSchema = z.object({ ...scoped, themeId: z.uuid(), texts: themeTextsSchema });
export const moveThemeInputSchema = z.object({
  ...scoped,
  themeId: z.uuid(),
  direction: z.enum(["up", "down"]),
});
export const removeThemeInputSchema = z.object({ ...scoped, themeId: z.uuid() });

export const sessionFieldsSchema = z.object({
  durationMinutes: z.number().int().min(15).max(600),
  capacity: z.number().int().min(1).max(100_000).nullable(),
  speakers: z.array(speakerSchema).max(AUTHORING_LIMITS.speakers),
});
export const addSessionInputSchema = z.object({
  ...scoped,
  themeId: z.uuid(),
  fields: sessionFieldsSchema.partial().default({}),
});
export const updateSessionInputSchema = z.object({
  ...scoped,
  sessionId: z.uuid(),
  fields: sessionFieldsSchema.partial(),
});
export const moveSessionInputSchema = z.object({ ...scoped, sessionId: z.uuid(), themeId: z.uuid() });
export const removeSessionInputSchema = z.object({ ...scoped, sessionId: z.uuid() });
export const setSessionDateInputSchema = z.object({
  ...scoped,
  sessionId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
});

export const lifecycleInputSchema = z.object({ ...scoped });
export const duplicateSeriesInputSchema = z.object({ seriesId: z.uuid(), slug: slugSchema });

export const logoInputSchema = z.object({
  ...scoped,
  contentType: z.enum(["image/png", "image/svg+xml"]),
  /** The file, base64; the server checks its size and what it really is. */
  data: z.base64().max(Math.ceil((AUTHORING_LIMITS.logoBytes * 4) / 3) + 8),
});

/** What publishing needs and a draft lacks, as keys the web app translates. */
export type MissingItem =
  | { kind: "themes" }
  | { kind: "sessions"; themeId: string; position: number }
  | { kind: "seriesText"; field: "title" | "description"; locale: "nl" | "en" }
  | {
      kind: "themeText";
      themeId: string;
      position: number;
      field: "title" | "guidingQuestion" | "description";
      locale: "nl" | "en";
    }
  | { kind: "consent"; locale: "nl" | "en" }
  | { kind: "questionText"; questionId: string; locale: "nl" | "en" };
