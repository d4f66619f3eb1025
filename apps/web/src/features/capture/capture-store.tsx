import type { SessionCapture } from "@reeks/models";
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { NotesFeed } from "./use-session-capture";

/** What the capture tabs share: the session's snapshot, one way to change it, and the notes feed. */
export interface CaptureStore {
  data: SessionCapture;
  /** The level of the panel's own heading; the tabs' headings go below it. */
  headingLevel: number;
  notesFeed: NotesFeed;
  /** The breakout group this panel captures in; null: the main session. */
  breakoutGroupId: string | null;
  /** Applies a pure updater from capture-state.ts to the cached snapshot (optimistic or confirmed). */
  update(change: (state: SessionCapture) => SessionCapture): void;
  /** The snapshot as it is now, not as it was when the component last rendered. */
  current(): SessionCapture | undefined;
}

const CaptureStoreContext = createContext<CaptureStore | undefined>(undefined);

export function CaptureStoreProvider(props: {
  data: SessionCapture;
  queryKey: QueryKey;
  headingLevel: number;
  notesFeed: NotesFeed;
  breakoutGroupId?: string | null;
  children: ReactNode;
}) {
  const { data, queryKey, headingLevel, notesFeed, children } = props;
  const breakoutGroupId = props.breakoutGroupId ?? null;
  const queryClient = useQueryClient();
  const store = useMemo<CaptureStore>(
    () => ({
      data,
      headingLevel,
      notesFeed,
      breakoutGroupId,
      update: (change) =>
        queryClient.setQueryData<SessionCapture>(queryKey, (old) => (old ? change(old) : old)),
      current: () => queryClient.getQueryData<SessionCapture>(queryKey),
    }),
    [data, headingLevel, notesFeed, breakoutGroupId, queryClient, queryKey],
  );
  return <CaptureStoreContext.Provider value={store}>{children}</CaptureStoreContext.Provider>;
}

/** The capture store of the panel around this component; throws outside one, as a wrong mount is a bug. */
export function useCaptureStore(): CaptureStore {
  const store = useContext(CaptureStoreContext);
  if (!store) throw new Error("useCaptureStore() must be used inside <CaptureStoreProvider>");
  return store;
}
