import { localeSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { issueCertificates, previewCertificates } from "../certificates/issue";
import {
  downloadCertificate,
  listCertificates,
  myCertificates,
  revokeCertificate,
  verifyCertificate,
} from "../certificates/records";
import { DomainError } from "../domain-error";
import { hitRateLimit, RATE_LIMITS } from "../rate-limit";
import { authedProcedure, publicProcedure, seriesOrganiserProcedure } from "../trpc";

const scopeInput = z.object({
  seriesId: z.uuid(),
  /** Absent: the whole series. */
  sessionId: z.uuid().optional(),
  thresholdPercent: z.number().int().min(1).max(100),
});

/** Certificates of attendance: organisers issue and revoke, holders download, anyone verifies. */
export const certificatesRouter = {
  preview: seriesOrganiserProcedure
    .input(scopeInput)
    .query(({ ctx, input }) => previewCertificates(ctx.db, input, ctx.actor)),
  issue: seriesOrganiserProcedure
    .input(scopeInput.extend({ language: localeSchema.optional() }))
    .mutation(({ ctx, input }) => {
      // The verification URL on the PDF and the mail's link need the public origin.
      if (!ctx.accounts) throw new DomainError("SERVICE_UNAVAILABLE", "mailUnavailable");
      return issueCertificates(ctx.db, input, ctx.actor, { publicUrl: ctx.accounts.publicUrl });
    }),
  list: seriesOrganiserProcedure
    .input(z.object({ seriesId: z.uuid() }))
    .query(({ ctx }) => listCertificates(ctx.db, ctx.actor)),
  revoke: seriesOrganiserProcedure
    .input(z.object({ seriesId: z.uuid(), certificateId: z.uuid(), reason: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => revokeCertificate(ctx.db, input, ctx.actor)),
  mine: authedProcedure.query(({ ctx }) => myCertificates(ctx.db, ctx.person.id)),
  /** The PDF as base64 (like the exports): the holder's own, or any of an organiser's series. */
  download: authedProcedure
    .input(z.object({ certificateId: z.uuid() }))
    .mutation(({ ctx, input }) => downloadCertificate(ctx.db, input.certificateId, ctx.person.id)),
  /** Public, no sign-in: what the QR code on a certificate leads to. */
  verify: publicProcedure.input(z.object({ code: z.string().max(200) })).query(async ({ ctx, input }) => {
    if (ctx.clientAddress) {
      const limit = await hitRateLimit(
        ctx.db,
        `certificate-verify:client:${ctx.clientAddress}`,
        RATE_LIMITS.certificateVerifyPerClient,
      );
      if (!limit.allowed) throw new DomainError("TOO_MANY_REQUESTS", "verifyRateLimited");
    }
    return verifyCertificate(ctx.db, input.code);
  }),
} satisfies TRPCRouterRecord;
