import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What a list says when there is nothing yet: what it will hold, and the next step if there is one. */
export function EmptyState(props: {
  icon?: LucideIcon;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  const Icon = props.icon;
  return (
    <div className="ui-empty">
      {Icon ? <Icon aria-hidden="true" className="ui-empty-icon" /> : null}
      <p className="ui-empty-title">{props.title}</p>
      {props.children ? <div className="ui-empty-body">{props.children}</div> : null}
      {props.action ? <div className="ui-empty-action">{props.action}</div> : null}
    </div>
  );
}
