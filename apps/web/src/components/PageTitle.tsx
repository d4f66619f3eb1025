import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * The page's h1. After client-side navigation, focus moves here so screen-reader users hear where
 * they landed, and the document title follows.
 */
export function PageTitle({ children, documentTitle }: { children: ReactNode; documentTitle?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const title = documentTitle ?? (typeof children === "string" ? children : undefined);
  useEffect(() => {
    document.title = title ? `${title} — ${t("appName")}` : t("appName");
  }, [title, t]);
  useEffect(() => {
    if (window.history.state?.idx > 0) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
