import { z } from "zod";

export const AVAILABILITY_ANSWERS = ["yes", "if_need_be", "no"] as const;
export const availabilityAnswerSchema = z.enum(AVAILABILITY_ANSWERS);
export type AvailabilityAnswer = z.infer<typeof availabilityAnswerSchema>;

export const SCHEDULING_POLL_STATUSES = ["open", "confirmed"] as const;
export type SchedulingPollStatus = (typeof SCHEDULING_POLL_STATUSES)[number];

export const localDateSchema = z.iso.date();
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** A candidate slot as the organiser types it: local date and times in the series' time zone. */
export const localSlotSchema = z.object({
  date: localDateSchema,
  start: localTimeSchema,
  end: localTimeSchema,
});
export type LocalSlotInput = z.infer<typeof localSlotSchema>;

export const pollSettingsSchema = z
  .object({
    seriesId: z.uuid(),
    /** Last local day on which members can answer (until 23:59 in the series' time zone). */
    deadline: localDateSchema,
    minGapDays: z.int().min(0).max(365),
    maxGapDays: z.int().min(0).max(365).nullable(),
    showAnswersToMembers: z.boolean(),
    requiredParticipantIds: z.array(z.uuid()).max(50),
  })
  .refine((s) => s.maxGapDays === null || s.maxGapDays >= s.minGapDays, {
    path: ["maxGapDays"],
    message: "must be at least the minimum gap",
  });
export type PollSettingsInput = z.infer<typeof pollSettingsSchema>;

export const availabilityInputSchema = z.object({
  seriesId: z.uuid(),
  answers: z
    .array(
      z.object({
        slotId: z.uuid(),
        answer: availabilityAnswerSchema,
        comment: z.string().trim().max(500).optional(),
      }),
    )
    .min(1)
    .max(400),
});
export type AvailabilityInput = z.infer<typeof availabilityInputSchema>;
