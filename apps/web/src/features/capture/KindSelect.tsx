import { OUTCOME_KINDS, type OutcomeKind } from "@reeks/models";
import { useTranslation } from "react-i18next";

/** A labelled choice of outcome kind, in the kinds' fixed order. */
export function KindSelect(props: {
  id: string;
  label: string;
  value: OutcomeKind;
  onChange: (kind: OutcomeKind) => void;
}) {
  const { t } = useTranslation("outcomes");
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as OutcomeKind)}
      >
        {OUTCOME_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`kind.${k}`)}
          </option>
        ))}
      </select>
    </>
  );
}
