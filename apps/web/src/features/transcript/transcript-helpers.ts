import { formatDateTime, useLocale } from "../../lib/locale";

/** Hands the received file to the browser as a download, without a round trip through a URL. */
export function saveFile(file: { fileName: string; mimeType: string; base64: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A line's moment as 15:42:07 on the series' clock: seconds matter when finding it in a recording. */
export function useLineTime(): (iso: string) => string {
  const locale = useLocale();
  return (iso) =>
    formatDateTime(iso, locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}
