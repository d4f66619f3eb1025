import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The chart's numbers as a table: the first column heads each row, one cell per further column. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: Array<{ key: string; label: string; cells: Array<string | number> }>;
}

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
  table: ChartTable;
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
        <table>
          <caption className="visually-hidden">{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
