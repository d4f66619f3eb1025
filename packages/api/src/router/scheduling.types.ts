import { availabilityInputSchema, localSlotSchema, pollSettingsSchema } from "@reeks/models";
import { z } from "zod";

// The inputs of the scheduling procedures; the procedures in scheduling.ts only wire them to services.

export const seriesInput = z.object({ seriesId: z.uuid() });
export const saveSettingsInput = pollSettingsSchema;
export const addSlotsInput = z.object({
  seriesId: z.uuid(),
  sessionId: z.uuid(),
  slots: z.array(localSlotSchema).min(1).max(60),
});
export const removeSlotInput = z.object({ seriesId: z.uuid(), slotId: z.uuid() });
export const answerInput = availabilityInputSchema;
export const confirmInput = z.object({ seriesId: z.uuid(), slotIds: z.array(z.uuid()).min(1).max(20) });
export const cancelSessionInput = z.object({ seriesId: z.uuid(), sessionId: z.uuid() });
