import { useTranslation } from "react-i18next";
import { PageTitle } from "./PageTitle";

export function NotFoundPage() {
  const { t } = useTranslation();
  return <PageTitle>{t("error.notFound")}</PageTitle>;
}
