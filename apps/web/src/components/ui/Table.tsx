import type { ReactNode } from "react";

/**
 * A plain HTML table with our look: real table semantics (caption, th scope) read best in every screen
 * reader, and rows here hold links and buttons that a grid's roving focus would hide.
 */
export function Table(props: {
  caption: ReactNode;
  children: ReactNode;
  compact?: boolean;
  className?: string;
}) {
  return (
    <div className="ui-table-scroll">
      <table className={`ui-table ${props.compact ? "ui-table-compact" : ""} ${props.className ?? ""}`}>
        <caption>{props.caption}</caption>
        {props.children}
      </table>
    </div>
  );
}
