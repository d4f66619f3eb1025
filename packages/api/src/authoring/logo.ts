import { type Database, eq, SeriesLogo } from "@reeks/db";
import { AUTHORING_LIMITS, type logoInputSchema } from "@reeks/models";
import { Resvg } from "@resvg/resvg-js";
import type { z } from "zod";
import { DomainError, fieldError } from "../domain-error";
import { type AuthoringActor, editSeries } from "./editor";

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Wide enough for any header or mail; a logo larger than this is scaled down when rasterised. */
const MAX_SIDE = 2048;
const RASTER_WIDTH = 640;

/** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // IHDR is always the first chunk: length (4), "IHDR" (4), width (4), height (4).
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * An SVG becomes a PNG: resvg renders it without running scripts, following links or fetching
 * anything outside the file (images it would need resolving are left out), so what is stored and
 * served is pixels, never active content.
 */
export function rasteriseSvg(svg: Uint8Array): { png: Uint8Array; width: number; height: number } {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(svg);
  if (!/<svg[\s>]/i.test(text)) throw fieldError(["data"], "logoWrongType");
  try {
    const resvg = new Resvg(text, {
      fitTo: { mode: "width", value: RASTER_WIDTH },
      font: { loadSystemFonts: true },
      logLevel: "off",
    });
    const rendered = resvg.render();
    return { png: new Uint8Array(rendered.asPng()), width: rendered.width, height: rendered.height };
  } catch {
    throw fieldError(["data"], "logoUnreadable");
  }
}

/** Checks size and real type of an upload and stores it as a PNG. */
export async function uploadLogo(
  db: Database,
  input: z.infer<typeof logoInputSchema>,
  actor: AuthoringActor,
) {
  const bytes = Uint8Array.from(Buffer.from(input.data, "base64"));
  if (bytes.length > AUTHORING_LIMITS.logoBytes) {
    throw new DomainError("PAYLOAD_TOO_LARGE", "logoTooLarge", {
      field: ["data"],
      params: { max: AUTHORING_LIMITS.logoBytes / 1024 },
    });
  }
  let stored: { png: Uint8Array; width: number; height: number };
  // The type is what the bytes are, not what the browser said.
  const size = pngSize(bytes);
  if (size) {
    if (input.contentType !== "image/png") throw fieldError(["data"], "logoWrongType");
    if (size.width < 1 || size.height < 1 || size.width > MAX_SIDE || size.height > MAX_SIDE) {
      throw fieldError(["data"], "logoUnreadable");
    }
    stored = { png: bytes, ...size };
  } else {
    if (input.contentType !== "image/svg+xml") throw fieldError(["data"], "logoWrongType");
    stored = rasteriseSvg(bytes);
  }
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: "series.logo",
      target: `series:${actor.seriesId}`,
    },
    async (tx) => {
      await tx
        .insert(SeriesLogo)
        .values({ seriesId: actor.seriesId, ...stored, updatedAt: new Date() })
        .onConflictDoUpdate({ target: SeriesLogo.seriesId, set: { ...stored, updatedAt: new Date() } });
      return { after: { contentType: input.contentType, bytes: bytes.length, width: stored.width } };
    },
  );
}

export async function removeLogo(db: Database, input: { expectedVersion: number }, actor: AuthoringActor) {
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: "series.logo_remove",
      target: `series:${actor.seriesId}`,
    },
    async (tx) => {
      await tx.delete(SeriesLogo).where(eq(SeriesLogo.seriesId, actor.seriesId));
      return {};
    },
  );
}

/** The stored PNG, for the HTTP route that serves it (public: it is on the registration page). */
export async function logoOf(db: Database, seriesId: string) {
  const [logo] = await db.select().from(SeriesLogo).where(eq(SeriesLogo.seriesId, seriesId));
  return logo ?? null;
}

/** When the logo last changed (its version in URLs), or null without one; reads no image bytes. */
export async function logoVersionOf(db: Pick<Database, "select">, seriesId: string): Promise<number | null> {
  const [logo] = await db
    .select({ updatedAt: SeriesLogo.updatedAt })
    .from(SeriesLogo)
    .where(eq(SeriesLogo.seriesId, seriesId));
  return logo ? logo.updatedAt.getTime() : null;
}
