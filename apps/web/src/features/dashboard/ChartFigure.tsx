import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A chart with its text alternative: the picture is labelled as one image for screen readers, and the
 * same numbers are a real table one click away (and always in the DOM for assistive technology).
 */
export function ChartFigure({
  id,
  heading,
  label,
  chart,
  table,
}: {
  id: string;
  heading: string;
  label: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation("dashboard");
  return (
    <figure className="chart" aria-labelledby={`${id}-heading`}>
      <figcaption id={`${id}-heading`} className="chart-heading">
        {heading}
      </figcaption>
      <div className="chart-canvas" role="img" aria-label={label}>
        {chart}
      </div>
      <details>
        <summary>{t("charts.showTable")}</summary>
        {table}
      </details>
    </figure>
  );
}
