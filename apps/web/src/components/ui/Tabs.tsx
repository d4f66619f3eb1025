import type { LucideIcon } from "lucide-react";
import type { Key, ReactNode } from "react";
import { Tabs as AriaTabs, Tab, TabList, TabPanel } from "react-aria-components";

export interface TabItem {
  id: string;
  label: string;
  icon?: LucideIcon;
  /** A count or a dot beside the label, e.g. raised hands. */
  badge?: ReactNode;
  content: ReactNode;
}

/** Tabs with arrow-key navigation; every panel stays mounted so its state (a draft, a scroll) survives. */
export function Tabs(props: {
  label: string;
  items: TabItem[];
  selectedKey?: string;
  onSelectionChange?: (key: string) => void;
  className?: string;
}) {
  return (
    <AriaTabs
      className={`ui-tabs ${props.className ?? ""}`}
      selectedKey={props.selectedKey}
      onSelectionChange={(key: Key) => props.onSelectionChange?.(String(key))}
    >
      <TabList aria-label={props.label} className="ui-tablist">
        {props.items.map(({ id, label, icon: Icon, badge }) => (
          <Tab key={id} id={id} className="ui-tab">
            {Icon ? <Icon aria-hidden="true" className="ui-icon" /> : null}
            <span>{label}</span>
            {badge}
          </Tab>
        ))}
      </TabList>
      {props.items.map((item) => (
        <TabPanel key={item.id} id={item.id} className="ui-tabpanel" shouldForceMount>
          {item.content}
        </TabPanel>
      ))}
    </AriaTabs>
  );
}
