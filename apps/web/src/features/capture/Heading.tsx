import type { ReactNode } from "react";

/** A heading whose level follows where the panel is mounted (page section or room side panel). */
export function Heading({ level, children, id }: { level: number; children: ReactNode; id?: string }) {
  const Tag = `h${Math.min(Math.max(level, 2), 6)}` as "h2" | "h3" | "h4" | "h5" | "h6";
  return <Tag id={id}>{children}</Tag>;
}
