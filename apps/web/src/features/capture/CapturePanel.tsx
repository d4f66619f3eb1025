import { type KeyboardEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CaptureStoreProvider } from "./capture-store";
import { errorCode } from "./errors";
import { NotesTab } from "./NotesTab";
import { OutcomesTab } from "./OutcomesTab";
import { PollsTab } from "./PollsTab";
import { QuestionsTab } from "./QuestionsTab";
import { useSessionCapture } from "./use-session-capture";

const TABS = ["outcomes", "questions", "polls", "notes"] as const;
type Tab = (typeof TABS)[number];
/** Questions and polls belong to the main room; a group captures items and keeps notes. */
const GROUP_TABS: readonly Tab[] = ["outcomes", "notes"];

/**
 * Everything captured in one session, live: outcomes by kind, Q&A, polls and the notes. Works on its
 * own page and in the live room's side panel (it only needs the session id). Tabs follow the WAI-ARIA
 * tabs pattern: arrow keys, Home and End move between them.
 */
export function CapturePanel({
  sessionId,
  headingLevel = 2,
  breakoutGroupId,
}: {
  sessionId: string;
  headingLevel?: 2 | 3;
  /** Capture in this breakout group: its own notes and items, shared with the session by its rapporteur. */
  breakoutGroupId?: string;
}) {
  const tabs = breakoutGroupId ? GROUP_TABS : TABS;
  const { t } = useTranslation(["outcomes", "common"]);
  const capture = useSessionCapture(sessionId);
  const [tab, setTab] = useState<Tab>("outcomes");
  const baseId = useId();
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());

  if (capture.query.isPending) return <p role="status">{t("common:loading")}</p>;
  if (capture.query.isError) {
    const code = errorCode(capture.query.error);
    const key =
      code === "UNAUTHORIZED"
        ? "panel.signIn"
        : code === "FORBIDDEN"
          ? "panel.forbidden"
          : code === "NOT_FOUND"
            ? "panel.notFound"
            : null;
    return <p role="alert">{key ? t(key) : t("common:error.generic")}</p>;
  }
  const data = capture.query.data;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.indexOf(tab);
    const next =
      event.key === "ArrowRight"
        ? tabs[(index + 1) % tabs.length]
        : event.key === "ArrowLeft"
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === "Home"
            ? tabs[0]
            : event.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current.get(next)?.focus();
  }

  return (
    <section
      className="capture-panel capture"
      aria-label={t(breakoutGroupId ? "panel.groupLabel" : "panel.label")}
    >
      {/* Others' new items, read out without moving focus. */}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {capture.announcement}
      </div>
      {capture.connection === "connecting" && (
        <p className="connection-note" role="status">
          {t("panel.reconnecting")}
        </p>
      )}
      <div
        role="tablist"
        aria-label={t(breakoutGroupId ? "panel.groupLabel" : "panel.label")}
        className="capture-tabs"
        onKeyDown={onKeyDown}
      >
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${baseId}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${baseId}-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            ref={(el) => {
              if (el) tabRefs.current.set(name, el);
            }}
            onClick={() => setTab(name)}
          >
            {t(`panel.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel-${tab}`}
        aria-labelledby={`${baseId}-tab-${tab}`}
        className="capture-tabpanel"
      >
        <CaptureStoreProvider
          data={data}
          queryKey={capture.queryKey}
          headingLevel={headingLevel}
          notesFeed={capture.notesFeed}
          breakoutGroupId={breakoutGroupId ?? null}
        >
          {tab === "outcomes" && <OutcomesTab />}
          {tab === "questions" && <QuestionsTab />}
          {tab === "polls" && <PollsTab />}
          {/* Keyed by group: its notes are another document, so another editor. */}
          {tab === "notes" && <NotesTab key={breakoutGroupId ?? "session"} />}
        </CaptureStoreProvider>
      </div>
    </section>
  );
}
