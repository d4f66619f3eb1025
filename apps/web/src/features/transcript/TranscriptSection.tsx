import type { OutcomeKind, TranscriptExportFormat, TranscriptLineView } from "@reeks/models";
import { TRANSCRIPT_EXPORT_FORMATS } from "@reeks/models";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Download, History, Pencil, Quote, X } from "lucide-react";
import { useDeferredValue, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, EmptyState } from "../../components/ui";
import { useLocale } from "../../lib/locale";
import { saveFile } from "../../lib/save-file";
import { useTRPC } from "../../lib/trpc";
import { errorCode } from "../capture/errors";
import { KindSelect } from "../capture/KindSelect";
import { CorrectionForm, LineHistory } from "./LineCorrection";
import { useLineTime } from "./transcript-helpers";
import "./transcript.css";

/**
 * The session's transcript on its page: searchable, with the time of every line. Members read it once
 * the session has ended; organisers correct lines (history kept); moderators and organisers turn a
 * passage into an outcome item. Speaker names follow the session's attribution rule (the server decides).
 */
export function TranscriptSection({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation(["transcript", "common"]);
  const trpc = useTRPC();
  const headingId = useId();
  const searchId = useId();
  const languageId = useId();
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const [language, setLanguage] = useState("");
  const transcript = useQuery({
    ...trpc.captions.transcript.queryOptions({
      sessionId,
      ...(query ? { query } : {}),
      ...(language ? { language } : {}),
    }),
    placeholderData: keepPreviousData,
  });

  let body: React.ReactNode;
  if (transcript.isPending) body = <p role="status">{t("common:loading")}</p>;
  else if (transcript.isError)
    body = (
      <p
        className={errorCode(transcript.error) === "PRECONDITION_FAILED" ? "muted" : undefined}
        role="status"
      >
        {errorCode(transcript.error) === "PRECONDITION_FAILED"
          ? t("afterSession")
          : t("common:error.generic")}
      </p>
    );
  else {
    const data = transcript.data;
    const filtered = Boolean(query || language);
    body =
      data.lines.length === 0 && !filtered && data.languages.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <>
          <p>{t("intro")}</p>
          {!data.speakerNames && <p className="muted">{t("noNames")}</p>}
          <div className="transcript-tools">
            <div className="field">
              <label htmlFor={searchId}>{t("search")}</label>
              <input
                id={searchId}
                type="search"
                value={search}
                maxLength={200}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
            {data.languages.length > 1 && (
              <div className="field">
                <label htmlFor={languageId}>{t("language")}</label>
                <select id={languageId} value={language} onChange={(e) => setLanguage(e.target.value)}>
                  <option value="">{t("allLanguages")}</option>
                  {data.languages.map((l) => (
                    <option key={l} value={l}>
                      {l === "nl" || l === "en" ? t(`common:language.${l}`) : l}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <Downloads sessionId={sessionId} language={language} />
          </div>
          <p role="status" className="transcript-count">
            {query && data.lines.length === 0
              ? t("noMatches", { query })
              : t("count", { count: data.lines.length })}
          </p>
          <TranscriptLines
            sessionId={sessionId}
            lines={data.lines}
            query={query}
            canCorrect={data.canCorrect}
            canLift={data.canLift}
          />
        </>
      );
  }

  return (
    <section className="transcript" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("heading")}</h2>
      {body}
    </section>
  );
}

function Downloads({ sessionId, language }: { sessionId: string; language: string }) {
  const { t } = useTranslation("transcript");
  const trpc = useTRPC();
  const locale = useLocale();
  const download = useMutation(trpc.captions.exportTranscript.mutationOptions({ onSuccess: saveFile }));
  return (
    <fieldset className="transcript-downloads">
      <legend>{t("download.heading")}</legend>
      {TRANSCRIPT_EXPORT_FORMATS.map((format: TranscriptExportFormat) => (
        <Button
          key={format}
          icon={Download}
          isDisabled={download.isPending}
          aria-label={t("download.label", { format: t(`download.${format}`) })}
          onPress={() => download.mutate({ sessionId, format, locale, ...(language ? { language } : {}) })}
        >
          {t(`download.${format}`)}
        </Button>
      ))}
      {download.isError && (
        <p role="alert" className="field-error">
          {t("download.failed")}
        </p>
      )}
    </fieldset>
  );
}

function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  const lower = text.toLocaleLowerCase();
  const needle = query.toLocaleLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

function TranscriptLines(props: {
  sessionId: string;
  lines: TranscriptLineView[];
  query: string;
  canCorrect: boolean;
  canLift: boolean;
}) {
  const { t } = useTranslation("transcript");
  const time = useLineTime();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [lifted, setLifted] = useState<string | null>(null);
  // The passage runs from the first chosen line to the last, in the transcript's order.
  const indexes = props.lines.flatMap((l, i) => (chosen.has(l.id) ? [i] : []));
  const first = indexes.length ? props.lines[indexes[0] ?? 0] : undefined;
  const last = indexes.length ? props.lines[indexes[indexes.length - 1] ?? 0] : undefined;
  const span = indexes.length ? (indexes[indexes.length - 1] ?? 0) - (indexes[0] ?? 0) + 1 : 0;

  function toggle(id: string, on: boolean) {
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <>
      {props.canLift && <p className="field-hint">{t("passage.hint")}</p>}
      <ol className="transcript-lines" aria-label={t("lines")}>
        {props.lines.map((line, index) => {
          const inPassage =
            span > 0 && index >= (indexes[0] ?? 0) && index <= (indexes[indexes.length - 1] ?? 0);
          const at = time(line.spokenAt);
          return (
            <li key={line.id} className="transcript-line" data-in-passage={inPassage || undefined}>
              {props.canLift && (
                <Checkbox
                  aria-label={t("passage.select", { time: at })}
                  isSelected={chosen.has(line.id)}
                  onChange={(on) => toggle(line.id, on)}
                />
              )}
              <time dateTime={line.spokenAt} className="transcript-time">
                {at}
              </time>
              <p className="transcript-text">
                {line.speaker && <span className="transcript-speaker">{line.speaker.name}: </span>}
                <Highlighted text={line.text} query={props.query} />
                {line.editedAt && <span className="transcript-edited"> ({t("edited")})</span>}
              </p>
              {props.canCorrect && (
                <div className="transcript-line-actions">
                  <Button
                    variant="quiet"
                    icon={Pencil}
                    aria-label={t("correct.openLabel", { time: at })}
                    aria-expanded={editing === line.id}
                    onPress={() => setEditing(editing === line.id ? null : line.id)}
                  >
                    {t("correct.open")}
                  </Button>
                  <Button
                    variant="quiet"
                    icon={History}
                    aria-label={t("history.openLabel", { time: at })}
                    aria-expanded={historyOf === line.id}
                    onPress={() => setHistoryOf(historyOf === line.id ? null : line.id)}
                  >
                    {t("history.open")}
                  </Button>
                </div>
              )}
              {editing === line.id && (
                <CorrectionForm sessionId={props.sessionId} line={line} onDone={() => setEditing(null)} />
              )}
              {historyOf === line.id && (
                <LineHistory
                  sessionId={props.sessionId}
                  lineId={line.id}
                  onClose={() => setHistoryOf(null)}
                />
              )}
            </li>
          );
        })}
      </ol>
      {props.canLift && first && last && (
        <PassageBar
          sessionId={props.sessionId}
          from={first}
          to={last}
          count={span}
          onClear={() => setChosen(new Set())}
          onLifted={(message) => {
            setLifted(message);
            setChosen(new Set());
          }}
        />
      )}
      {/* Outlives the passage bar, which goes once the passage became an item. */}
      <p role="status" className="transcript-lifted">
        {lifted}
      </p>
    </>
  );
}

function PassageBar(props: {
  sessionId: string;
  from: TranscriptLineView;
  to: TranscriptLineView;
  count: number;
  onClear: () => void;
  onLifted: (message: string) => void;
}) {
  const { t } = useTranslation("transcript");
  const trpc = useTRPC();
  const time = useLineTime();
  const kindId = useId();
  const [kind, setKind] = useState<OutcomeKind>("insight");
  const lift = useMutation(
    trpc.captions.toOutcome.mutationOptions({
      onSuccess: () =>
        props.onLifted(
          t("passage.created", { from: time(props.from.spokenAt), to: time(props.to.spokenAt) }),
        ),
    }),
  );
  return (
    <fieldset className="transcript-passage">
      <legend>{t("passage.selected", { count: props.count })}</legend>
      <div className="field">
        <KindSelect id={kindId} label={t("passage.kind")} value={kind} onChange={setKind} />
      </div>
      <Button
        variant="primary"
        icon={Quote}
        isDisabled={lift.isPending}
        onPress={() => {
          lift.mutate({ sessionId: props.sessionId, fromLineId: props.from.id, toLineId: props.to.id, kind });
        }}
      >
        {t("passage.create")}
      </Button>
      <Button variant="quiet" icon={X} onPress={props.onClear}>
        {t("passage.clear")}
      </Button>
      {lift.isError && (
        <p role="alert" className="field-error">
          {lift.error.message || t("passage.failed")}
        </p>
      )}
    </fieldset>
  );
}
