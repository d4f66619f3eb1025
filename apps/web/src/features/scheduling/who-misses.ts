import type { Locale } from "@reeks/models";
import type { TFunction } from "i18next";
import { formatList } from "../../lib/locale";

type PerSession = Array<{ sessionId: string; people: Array<{ participantId: string; name: string }> }>;

/** Per person, in the order they first miss something: the session numbers they would miss. */
export function byPerson(
  perSession: PerSession,
  positionOf: (sessionId: string) => number | undefined,
): Array<{ name: string; positions: number[] }> {
  const people = new Map<string, { name: string; positions: number[] }>();
  for (const { sessionId, people: named } of perSession) {
    const position = positionOf(sessionId);
    if (position === undefined) continue;
    for (const { participantId, name } of named) {
      const entry = people.get(participantId) ?? { name, positions: [] };
      entry.positions.push(position);
      people.set(participantId, entry);
    }
  }
  return [...people.values()];
}

/**
 * A plan's "who misses what" as one plain sentence ("Bij dit plan mist Anna de Vries sessie 2 en
 * Piet Jansen sessies 3 en 4."), or that everyone who answered can come to every session.
 */
export function whoMissesSentence(
  t: TFunction<"scheduling">,
  locale: Locale,
  missing: PerSession,
  positionOf: (sessionId: string) => number | undefined,
): string {
  const people = byPerson(missing, positionOf);
  if (people.length === 0) return t("planning.everyoneCan");
  const parts = people.map(({ name, positions }) =>
    t("planning.personMisses", {
      name,
      sessions: formatList(positions.map(String), locale),
      count: positions.length,
    }),
  );
  return t("planning.planMisses", { list: formatList(parts, locale), count: people.length });
}

/** Who could come only "if need be", in the same shape; empty when nobody. */
export function ifNeedBeSentence(
  t: TFunction<"scheduling">,
  locale: Locale,
  ifNeedBe: PerSession,
  positionOf: (sessionId: string) => number | undefined,
): string {
  const people = byPerson(ifNeedBe, positionOf);
  if (people.length === 0) return "";
  const parts = people.map(({ name, positions }) =>
    t("planning.personIfNeedBe", {
      name,
      sessions: formatList(positions.map(String), locale),
      count: positions.length,
    }),
  );
  return t("planning.planIfNeedBe", { list: formatList(parts, locale), count: people.length });
}
