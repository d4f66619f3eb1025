import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "../i18n-resources";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

describe("counts in the catalogues", () => {
  for (const language of ["nl", "en"] as const) {
    it(`${language}: every text with {{count}} has a singular and a plural form`, () => {
      const bare = Object.entries(resources[language]).flatMap(([namespace, tree]) =>
        leaves(tree as Tree)
          .filter(([key, text]) => text.includes("{{count}}") && !/_(one|other|zero)$/.test(key))
          .map(([key]) => `${namespace}:${key}`),
      );
      expect(bare).toEqual([]);
    });
  }

  it("says one vote and one contribution, not one votes", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: "nl", defaultNS: "common", interpolation: { escapeValue: false } });
    expect(i18n.t("outcomes:questions.votes", { count: 1 })).toBe("1 stem");
    expect(i18n.t("outcomes:item.sources", { count: 1 })).toBe("Herkomst: 1 bijdrage");
    expect(i18n.t("dashboard:summary.attendedAll", { count: 1 })).toBe("Bij de enige sessie");
    await i18n.changeLanguage("en");
    expect(i18n.t("outcomes:questions.votes", { count: 1 })).toBe("1 vote");
    expect(i18n.t("outcomes:item.sources", { count: 3 })).toBe("Provenance: 3 contributions");
  });
});
