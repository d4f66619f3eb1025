import type { Attribution, HighlightedQuestion, OutcomeItem } from "./model";

/**
 * An item as writers see it: the stored author name is gone, replaced by `attributedTo`, which is set
 * only for items their author chose to have named. This is the single place where that decision is made;
 * no writer receives `authorName`, so none can leak it by accident.
 */
export type Attributed<T extends { authorName: string | null; attribution: Attribution }> = Omit<
  T,
  "authorName"
> & { attributedTo: string | null };

export function attributedName(item: { authorName: string | null; attribution: Attribution }): string | null {
  if (item.attribution !== "named") return null;
  const name = item.authorName?.trim();
  return name ? name : null;
}

export function applyAttribution<T extends OutcomeItem | HighlightedQuestion>(item: T): Attributed<T> {
  const { authorName: _dropped, ...rest } = item;
  return { ...rest, attributedTo: attributedName(item) };
}

export type AttributedOutcome = Attributed<OutcomeItem>;
export type AttributedQuestion = Attributed<HighlightedQuestion>;
