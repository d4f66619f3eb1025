import type { RouterOutputs } from "@reeks/api";
import { type MissingItem, offeredLocales } from "@reeks/models";
import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import type { FieldError } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { fieldErrorText } from "../../lib/form-errors";
import { localeOf } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

export type EditableSeries = RouterOutputs["authoring"]["get"];
export type EditorLocale = "nl" | "en";

/** One change someone else saved after the version this person started from (from the audit log). */
export interface Change {
  action: string;
  target: string | null;
  version: number;
  before: unknown;
  after: unknown;
}

interface EditorValue {
  series: EditableSeries;
  seriesId: string;
  locales: EditorLocale[];
  /** A save went through: everything shown now follows the server's answer (and its new version). */
  saved: (series: EditableSeries) => void;
  /** A save failed; on a conflict the newer series becomes current, the form keeps what was typed. */
  failed: (error: unknown) => void;
}

const EditorContext = createContext<EditorValue | null>(null);

export function EditorProvider(props: { series: EditableSeries; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const seriesId = props.series.id;
  const saved = useCallback(
    (series: EditableSeries) => {
      queryClient.setQueryData(trpc.authoring.get.queryKey({ seriesId }), series);
      void queryClient.invalidateQueries(trpc.authoring.completeness.queryFilter({ seriesId }));
    },
    [queryClient, trpc, seriesId],
  );
  const failed = useCallback(
    (error: unknown) => {
      const conflict = conflictOf(error);
      if (conflict) saved(conflict.current);
    },
    [saved],
  );
  const value = useMemo(
    () => ({
      series: props.series,
      seriesId,
      locales: offeredLocales(props.series.languages),
      saved,
      failed,
    }),
    [props.series, seriesId, saved, failed],
  );
  return <EditorContext.Provider value={value}>{props.children}</EditorContext.Provider>;
}

export function useEditor(): EditorValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside EditorProvider");
  return value;
}

/** The CONFLICT answer of an edit: the series as it is now and what others changed since. */
export function conflictOf(error: unknown): { current: EditableSeries; changes: Change[] } | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as
    | { httpStatus?: number; conflict?: { current?: EditableSeries; changes?: Change[] } | null }
    | undefined;
  if (data?.httpStatus !== 409 || !data.conflict?.current) return null;
  return { current: data.conflict.current, changes: data.conflict.changes ?? [] };
}

/** What publishing lacks, from a refused publish (the checklist shows it too). */
export function missingOf(error: unknown): MissingItem[] | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as { missing?: MissingItem[] | null } | undefined)?.missing ?? null;
}

/** The field id (`#…`) where a missing item is fixed, for the checklist's links. */
export function anchorOf(item: MissingItem, locales: EditorLocale[]): string {
  switch (item.kind) {
    case "themes":
      return `new-theme-title-${locales[0] ?? "nl"}`;
    case "sessions":
      return `sessions-${item.themeId}`;
    case "seriesText":
      return `basics-${item.field}-${item.locale}`;
    case "themeText":
      return `theme-${item.themeId}-${item.field}-${item.locale}`;
    case "consent":
      return `registration-consentText-${item.locale}`;
    case "questionText":
      return `registration-question-${item.questionId}-label-${item.locale}`;
  }
}

/** The words of a field error, in the language shown now (ours and the editor's own keys alike). */
export function useErrorText() {
  const { t } = useTranslation("common");
  return (error: FieldError | undefined) => fieldErrorText(t, error);
}

/** A text in the reader's language when the series offers it and it is written, else in the other. */
export function usePreferredText() {
  const { locales } = useEditor();
  const reader = localeOf(useTranslation().i18n.resolvedLanguage);
  const order = [reader, ...locales.filter((l) => l !== reader)].filter((l) => locales.includes(l));
  return (text: { nl: string; en: string }) => order.map((l) => text[l]).find(Boolean) ?? "";
}

/** A stable id for a new custom question (answers are stored under it). */
export function newQuestionId(existing: string[]): string {
  for (let n = existing.length + 1; ; n++) {
    const id = `q${n}`;
    if (!existing.includes(id)) return id;
  }
}
