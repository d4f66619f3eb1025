import { useTranslation } from "react-i18next";

/**
 * How a person is named on every page. An erased account keeps its place (its items, votes and
 * attendance still count) but has no name: it reads "Verwijderd account" / "Deleted account".
 * The server leaves such a name empty and, where it knows, says `erased`.
 */
export function isErased(person: { name: string; erased?: boolean | undefined }): boolean {
  return person.erased === true || person.name.trim() === "";
}

export function usePersonName() {
  const { t } = useTranslation("common");
  return {
    name: (person: { name: string; erased?: boolean | undefined }) =>
      isErased(person) ? t("erasedPerson") : person.name,
    /** "Anne de Vries (Gemeente Zuidhorn)", or just "Verwijderd account". */
    withOrganisation: (person: {
      name: string;
      organisation?: string | null;
      erased?: boolean | undefined;
    }) =>
      isErased(person)
        ? t("erasedPerson")
        : person.organisation
          ? `${person.name} (${person.organisation})`
          : person.name,
  };
}
