import { z } from "zod";
import { participantRoleSchema, registrationStatusSchema, slugSchema } from "./series";

/**
 * Length limits for everything people type. Generous for real names and organisations, small enough
 * that nobody can store a novel (or 10 kB of script) in a name field.
 */
export const TEXT_LIMITS = {
  name: 120,
  email: 254,
  organisation: 160,
  jobTitle: 120,
  motivation: 2000,
  search: 100,
} as const;

/**
 * Names, organisations, job titles: trimmed, non-empty, at most `max` characters, no control characters
 * and no angle brackets (no real name has them; markup in a name is refused here, and escaped anyway
 * wherever it is shown).
 */
function personText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => /^[^\p{Cc}<>]*$/u.test(text), { params: { i18n: "noMarkup" } });
}

export const emailSchema = z.string().trim().toLowerCase().max(TEXT_LIMITS.email).pipe(z.email());

export const registrationInputSchema = z.object({
  seriesSlug: slugSchema,
  name: personText(TEXT_LIMITS.name),
  email: emailSchema,
  organisation: personText(TEXT_LIMITS.organisation),
  jobTitle: personText(TEXT_LIMITS.jobTitle),
  motivation: z
    .string()
    .trim()
    .max(TEXT_LIMITS.motivation)
    .optional()
    .transform((v) => v || undefined),
  commitsToAllSessions: z.boolean(),
  /** Answers to the series' own questions, by question id; checked against them on the server. */
  answers: z
    .record(z.string().regex(/^[a-z0-9-]{1,40}$/), z.string().trim().max(500))
    .refine((answers) => Object.keys(answers).length <= 5)
    .default({}),
  /** Consent to processing, with purpose and retention as stated on the page. Must be given. */
  consent: z.boolean().refine((given) => given, { params: { i18n: "consentRequired" } }),
});
export type RegistrationInput = z.input<typeof registrationInputSchema>;

export const REVIEW_DECISIONS = ["approve", "waitlist", "decline"] as const;
export const reviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const registrationFilterSchema = z.object({
  status: registrationStatusSchema.optional(),
  role: participantRoleSchema.optional(),
  /** Whether the person has confirmed their address (double opt-in). */
  confirmed: z.boolean().optional(),
  search: z.string().trim().max(TEXT_LIMITS.search).optional(),
});
export type RegistrationFilter = z.infer<typeof registrationFilterSchema>;

export const invitationInputSchema = z.object({
  name: personText(TEXT_LIMITS.name),
  email: emailSchema,
  organisation: personText(TEXT_LIMITS.organisation),
  jobTitle: z.string().trim().max(TEXT_LIMITS.jobTitle).default(""),
  role: participantRoleSchema,
  locale: z.enum(["nl", "en"]),
});
export type InvitationInput = z.input<typeof invitationInputSchema>;

export { personText };
