import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "../../i18n-resources";
import { ifNeedBeSentence, whoMissesSentence } from "./who-misses";

const positions: Record<string, number> = { s1: 1, s2: 2, s3: 3, s4: 4 };
const positionOf = (id: string) => positions[id];
const anna = { participantId: "a", name: "Anna de Vries" };
const piet = { participantId: "p", name: "Piet Jansen" };
const carla = { participantId: "c", name: "Carla Bakker" };

async function translator(lng: "nl" | "en"): Promise<TFunction<"scheduling">> {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources, ns: ["scheduling"], defaultNS: "scheduling" });
  return instance.getFixedT(lng, "scheduling");
}

describe("who misses what, in plain sentences", () => {
  let nl: TFunction<"scheduling">;
  let en: TFunction<"scheduling">;
  beforeAll(async () => {
    [nl, en] = await Promise.all([translator("nl"), translator("en")]);
  });

  it("says so when everyone who answered can come", () => {
    const none = ["s1", "s2", "s3", "s4"].map((sessionId) => ({ sessionId, people: [] }));
    expect(whoMissesSentence(nl, "nl", none, positionOf)).toBe(
      "Iedereen die antwoordde kan bij alle sessies.",
    );
    expect(whoMissesSentence(en, "en", none, positionOf)).toBe(
      "Everyone who answered can attend every session.",
    );
  });

  it("names each person once, with the sessions they miss, singular and plural", () => {
    const missing = [
      { sessionId: "s1", people: [] },
      { sessionId: "s2", people: [anna] },
      { sessionId: "s3", people: [piet, anna] },
      { sessionId: "s4", people: [carla] },
    ];
    expect(whoMissesSentence(nl, "nl", missing, positionOf)).toBe(
      "Bij dit plan mist Anna de Vries sessies 2 en 3, Piet Jansen sessie 3 en Carla Bakker sessie 4.",
    );
    expect(whoMissesSentence(en, "en", missing, positionOf)).toBe(
      "With this plan, Anna de Vries misses sessions 2 and 3, Piet Jansen misses session 3 and Carla Bakker misses session 4.",
    );
  });

  it("matches the issue's example for two people", () => {
    const missing = [
      { sessionId: "s2", people: [anna] },
      { sessionId: "s3", people: [piet] },
    ];
    expect(whoMissesSentence(nl, "nl", missing, positionOf)).toBe(
      "Bij dit plan mist Anna de Vries sessie 2 en Piet Jansen sessie 3.",
    );
  });

  it("lists who comes only if need be, and nothing when nobody", () => {
    expect(ifNeedBeSentence(nl, "nl", [{ sessionId: "s1", people: [] }], positionOf)).toBe("");
    expect(ifNeedBeSentence(en, "en", [{ sessionId: "s1", people: [piet] }], positionOf)).toBe(
      "Only if need be: Piet Jansen for session 1.",
    );
  });
});
