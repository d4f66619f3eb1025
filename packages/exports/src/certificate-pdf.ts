import { readFile } from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import QRCode from "qrcode";

export interface CertificateSessionRow {
  position: number;
  title: string;
  /** Null: the session was never given a date. */
  startsAt: Date | null;
  plannedMinutes: number;
  attendedMinutes: number;
}

export interface CertificateDocument {
  language: "nl" | "en";
  name: string;
  seriesTitle: string;
  /** The issuing organisation (the series' organiser). */
  organiser: string;
  /** Null for the whole series; the session's title for a certificate of one session. */
  sessionTitle: string | null;
  sessions: CertificateSessionRow[];
  thresholdPercent: number;
  issuedAt: Date;
  verificationUrl: string;
  /** For dates: the series' time zone. */
  timeZone: string;
}

const TEXTS = {
  nl: {
    title: "Bewijs van deelname",
    intro: "Hierbij verklaart",
    certifies: "dat",
    attendedSeries: "heeft deelgenomen aan de reeks",
    attendedSession: "heeft deelgenomen aan een sessie van de reeks",
    session: "Sessie",
    date: "Datum",
    minutes: "Aanwezig",
    planned: "Gepland",
    minutesUnit: (n: number) => `${n} min`,
    noDate: "zonder datum",
    rule: (p: number) =>
      `Regel: aanwezig geweest gedurende ten minste ${p}% van de geplande tijd van elke sessie, gemeten aan de werkelijke aanwezigheid in de online ruimte. Een afmelding telt niet als aanwezigheid.`,
    issued: "Uitgegeven op",
    verify: "Controleer de echtheid van dit bewijs op",
  },
  en: {
    title: "Certificate of attendance",
    intro: "This is to certify, on behalf of",
    certifies: "that",
    attendedSeries: "attended the series",
    attendedSession: "attended a session of the series",
    session: "Session",
    date: "Date",
    minutes: "Attended",
    planned: "Planned",
    minutesUnit: (n: number) => `${n} min`,
    noDate: "no date",
    rule: (p: number) =>
      `Rule: present for at least ${p}% of the planned time of each session, measured from the actual presence in the online room. An apology does not count as attendance.`,
    issued: "Issued on",
    verify: "Check that this certificate is genuine at",
  },
} as const;

let fontBytes: Promise<[Uint8Array, Uint8Array]> | null = null;

/**
 * fontkit parses a font's tables anew on every `create`, which was most of a certificate's time (the
 * benchmark: about 10× the rest). The parsed font is only read when a document embeds its subset, so
 * one parse per font file serves every certificate this process makes.
 */
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const cachingFontkit: Parameters<PDFDocument["registerFontkit"]>[0] = {
  create(data, postscriptName) {
    const cached = postscriptName === undefined ? parsedFonts.get(data) : undefined;
    if (cached) return cached;
    const font = fontkit.create(data, postscriptName);
    if (postscriptName === undefined) parsedFonts.set(data, font);
    return font;
  },
};

/**
 * DejaVu Sans ships with the package (fonts/, with its licence) rather than being read from the
 * system: the PDF must print "Ümit Çelik" or "Zoë" wherever the server runs, with or without
 * Debian's fonts-dejavu. Only the glyphs used are embedded (subset), so a certificate stays small.
 */
function loadFonts(): Promise<[Uint8Array, Uint8Array]> {
  fontBytes ??= Promise.all([
    readFile(new URL("../fonts/DejaVuSans.ttf", import.meta.url)),
    readFile(new URL("../fonts/DejaVuSans-Bold.ttf", import.meta.url)),
  ]).catch((error: unknown) => {
    fontBytes = null;
    throw error;
  });
  return fontBytes;
}

/** Words onto lines no wider than `width`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A line that would not fit is shortened with an ellipsis (a table cell has one line). */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The QR code as vector squares: sharp at any print size, and no image to decode. */
function drawQr(page: PDFPage, url: string, x: number, y: number, size: number) {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const cell = size / count;
  let path = "";
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.data[row * count + col]) path += `M${col} ${row}h1v1h-1z`;
    }
  }
  page.drawSvgPath(path, { x, y: y + size, scale: cell, color: rgb(0, 0, 0) });
}

/** A certificate of attendance as a PDF (A4), in Dutch or English. */
export async function renderCertificatePdf(doc: CertificateDocument): Promise<Uint8Array> {
  const t = TEXTS[doc.language];
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachingFontkit);
  const [regularBytes, boldBytes] = await loadFonts();
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  pdf.setTitle(`${t.title} — ${doc.seriesTitle}`);
  pdf.setAuthor(doc.organiser);
  pdf.setLanguage(doc.language === "nl" ? "nl-NL" : "en-GB");
  pdf.setCreator("Reeks");
  pdf.setCreationDate(doc.issuedAt);
  pdf.setModificationDate(doc.issuedAt);

  const page = pdf.addPage([595.28, 841.89]);
  const margin = 56;
  const width = page.getWidth() - 2 * margin;
  const ink = rgb(0.1, 0.1, 0.12);
  const muted = rgb(0.33, 0.33, 0.38);
  let y = page.getHeight() - margin;
  const line = (text: string, font: PDFFont, size: number, color = ink) => {
    for (const l of wrap(text, font, size, width)) {
      y -= size * 1.35;
      page.drawText(l, { x: margin, y, size, font, color });
    }
  };

  line(doc.organiser, regular, 11, muted);
  y -= 18;
  line(t.title, bold, 26);
  y -= 14;
  line(`${t.intro} ${doc.organiser}, ${t.certifies}`, regular, 12);
  y -= 6;
  line(doc.name, bold, 20);
  y -= 6;
  line(doc.sessionTitle ? t.attendedSession : t.attendedSeries, regular, 12);
  y -= 2;
  line(`“${doc.seriesTitle}”`, bold, 14);
  if (doc.sessionTitle) line(doc.sessionTitle, regular, 12);
  y -= 20;

  const dateFormat = new Intl.DateTimeFormat(doc.language === "nl" ? "nl-NL" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: doc.timeZone,
  });
  const columns = [
    { label: t.session, x: margin, width: width - 250 },
    { label: t.date, x: margin + width - 240, width: 120 },
    { label: t.planned, x: margin + width - 115, width: 55 },
    { label: t.minutes, x: margin + width - 55, width: 55 },
  ];
  y -= 14;
  for (const c of columns) page.drawText(c.label, { x: c.x, y, size: 10, font: bold, color: muted });
  y -= 6;
  page.drawLine({
    start: { x: margin, y },
    end: { x: margin + width, y },
    thickness: 0.5,
    color: muted,
  });
  for (const s of doc.sessions) {
    y -= 16;
    const cells = [
      `${s.position}. ${s.title}`,
      s.startsAt ? dateFormat.format(s.startsAt) : t.noDate,
      t.minutesUnit(s.plannedMinutes),
      t.minutesUnit(s.attendedMinutes),
    ];
    cells.forEach((text, i) => {
      const c = columns[i];
      if (c)
        page.drawText(fit(text, regular, 10, c.width), { x: c.x, y, size: 10, font: regular, color: ink });
    });
  }
  y -= 24;
  line(t.rule(doc.thresholdPercent), regular, 10, muted);
  y -= 8;
  line(`${t.issued} ${dateFormat.format(doc.issuedAt)}`, regular, 10, muted);

  const qrSize = 96;
  const qrY = margin;
  drawQr(page, doc.verificationUrl, margin, qrY, qrSize);
  const textX = margin + qrSize + 16;
  page.drawText(t.verify, { x: textX, y: qrY + qrSize - 14, size: 10, font: regular, color: muted });
  const urlLines = wrap(doc.verificationUrl.replace(/\//g, "/ "), regular, 9, width - qrSize - 16).map((l) =>
    l.replace(/\/ /g, "/"),
  );
  urlLines.forEach((l, i) => {
    page.drawText(l, { x: textX, y: qrY + qrSize - 30 - i * 12, size: 9, font: regular, color: ink });
  });
  return pdf.save();
}
