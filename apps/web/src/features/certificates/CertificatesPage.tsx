import { zodResolver } from "@hookform/resolvers/zod";
import { pickLocale } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Award, FileDown, Search, Undo2 } from "lucide-react";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { Button, Dialog, Table, TextField } from "../../components/ui";
import { encode, fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { formatDateTime, useLocale } from "../../lib/locale";
import { saveFile } from "../../lib/save-file";
import { useTRPC } from "../../lib/trpc";

const thresholdError = encode("certificates:organiser.thresholdInvalid");
const schema = z.object({
  scope: z.string(),
  thresholdPercent: z
    .number({ error: thresholdError })
    .int({ error: thresholdError })
    .min(1, { error: thresholdError })
    .max(100, { error: thresholdError }),
  language: z.enum(["person", "nl", "en"]),
});
type Values = z.infer<typeof schema>;

function errorMessage(error: unknown): string | null {
  return error instanceof TRPCClientError ? error.message : null;
}

/**
 * The organiser issues certificates of attendance: picks the scope and the rule, sees who qualifies
 * with their minutes per session, issues, and later downloads or revokes them.
 */
export function CertificatesPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation(["certificates", "common"]);
  const { t: tCommon } = useTranslation("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const series = useQuery(trpc.series.bySlug.queryOptions({ slug }));
  const seriesId = series.data?.id ?? "";
  const [rule, setRule] = useState<{
    sessionId?: string;
    thresholdPercent: number;
    language: Values["language"];
  } | null>(null);
  const [issuedCount, setIssuedCount] = useState<number | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState("");

  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: { scope: "series", thresholdPercent: 75, language: "person" },
    shouldFocusError: true,
  });
  const { errors } = form.formState;

  const preview = useQuery({
    ...trpc.certificates.preview.queryOptions({
      seriesId,
      ...(rule?.sessionId ? { sessionId: rule.sessionId } : {}),
      thresholdPercent: rule?.thresholdPercent ?? 75,
    }),
    enabled: Boolean(seriesId && rule),
    retry: false,
  });
  const list = useQuery({ ...trpc.certificates.list.queryOptions({ seriesId }), enabled: Boolean(seriesId) });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.certificates.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.certificates.preview.queryKey() }),
    ]);
  const issue = useMutation(
    trpc.certificates.issue.mutationOptions({
      onSuccess: (result) => {
        setIssuedCount(result.issued);
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.certificates.revoke.mutationOptions({
      onSuccess: () => {
        setRevoking(null);
        setReason("");
        void refresh();
      },
    }),
  );
  const download = useMutation(trpc.certificates.download.mutationOptions({ onSuccess: saveFile }));

  const onSubmit = form.handleSubmit((values) => {
    setIssuedCount(null);
    setRule({
      ...(values.scope !== "series" ? { sessionId: values.scope } : {}),
      thresholdPercent: values.thresholdPercent,
      language: values.language,
    });
  });

  const title = series.data
    ? t("organiser.title", { series: pickLocale(series.data.title, locale) })
    : t("organiser.documentTitle");
  const sessions = series.data?.sessions ?? [];
  const themeTitle = (themeId: string) => {
    const theme = series.data?.themes.find((th) => th.id === themeId);
    return theme ? pickLocale(theme.title, locale) : "";
  };
  const eligible = preview.data?.people.filter((p) => p.eligible) ?? [];
  const loadError = errorMessage(series.error) ?? errorMessage(list.error);

  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t("organiser.intro")}</p>
      <p>
        <Link to={`/reeksen/${slug}/dashboard`}>{t("organiser.back")}</Link>
      </p>
      {loadError && (
        <p role="alert" className="notice notice-error">
          {loadError}
        </p>
      )}
      {series.data && !loadError && (
        <>
          <form className="certificate-rule" noValidate onSubmit={(e) => void onSubmit(e)}>
            <Field id={`${id}-scope`} label={t("organiser.scope")}>
              {(p) => (
                <select {...p} {...form.register("scope")}>
                  <option value="series">{t("organiser.wholeSeries")}</option>
                  {sessions
                    .filter((s) => s.status !== "cancelled")
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {t("organiser.sessionOption", { position: s.position, title: themeTitle(s.themeId) })}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <Field
              id={`${id}-threshold`}
              label={t("organiser.threshold")}
              hint={t("organiser.thresholdHint")}
              errors={fieldErrorText(tCommon, errors.thresholdPercent)}
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  {...form.register("thresholdPercent", { valueAsNumber: true })}
                />
              )}
            </Field>
            <Field id={`${id}-language`} label={t("organiser.language")}>
              {(p) => (
                <select {...p} {...form.register("language")}>
                  <option value="person">{t("organiser.languagePerson")}</option>
                  <option value="nl">{tCommon("language.nl")}</option>
                  <option value="en">{tCommon("language.en")}</option>
                </select>
              )}
            </Field>
            <Button type="submit" icon={Search}>
              {t("organiser.preview")}
            </Button>
          </form>

          {preview.isError && (
            <p role="alert" className="notice notice-error">
              {errorMessage(preview.error) ?? tCommon("error.generic")}
            </p>
          )}
          {preview.data && rule && (
            <section aria-labelledby="preview-heading">
              <h2 id="preview-heading">{t("organiser.eligibleCount", { count: eligible.length })}</h2>
              <Table caption={t("organiser.previewCaption")} compact>
                <thead>
                  <tr>
                    <th scope="col">{t("organiser.person")}</th>
                    {preview.data.sessions.map((s) => (
                      <th scope="col" key={s.id}>
                        {t("organiser.sessionOption", {
                          position: s.position,
                          title: pickLocale(s.title, locale),
                        })}
                      </th>
                    ))}
                    <th scope="col">{t("organiser.meets")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.data.people.map((p) => (
                    <tr key={p.participantId}>
                      <th scope="row">{p.name}</th>
                      {p.sessions.map((line) => {
                        const planned =
                          preview.data.sessions.find((s) => s.id === line.sessionId)?.plannedMinutes ?? 0;
                        return (
                          <td key={line.sessionId}>
                            {t("organiser.minutes", { attended: line.attendedMinutes, planned })}
                            {line.excused && <> ({t("organiser.excused")})</>}
                          </td>
                        );
                      })}
                      <td>
                        {p.eligible ? t("organiser.yes") : t("organiser.no")}
                        {p.issued && <> — {t("organiser.alreadyIssued")}</>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <Button
                variant="primary"
                icon={Award}
                isDisabled={issue.isPending || eligible.length === 0}
                onPress={() =>
                  issue.mutate({
                    seriesId,
                    ...(rule.sessionId ? { sessionId: rule.sessionId } : {}),
                    thresholdPercent: rule.thresholdPercent,
                    ...(rule.language !== "person" ? { language: rule.language } : {}),
                  })
                }
              >
                {t("organiser.issue")}
              </Button>
              <div role="status" aria-live="polite">
                {issuedCount !== null && (
                  <p className="notice notice-ok">
                    {issuedCount === 0
                      ? t("organiser.issuedNone")
                      : t("organiser.issued", { count: issuedCount })}
                  </p>
                )}
              </div>
              {issue.isError && (
                <p role="alert" className="notice notice-error">
                  {errorMessage(issue.error) ?? tCommon("error.generic")}
                </p>
              )}
            </section>
          )}

          <section aria-labelledby="issued-heading">
            <h2 id="issued-heading">{t("organiser.listHeading")}</h2>
            {list.data && list.data.length === 0 && <p className="muted">{t("organiser.listNone")}</p>}
            {list.data && list.data.length > 0 && (
              <Table caption={t("organiser.listCaption")} compact>
                <thead>
                  <tr>
                    <th scope="col">{t("organiser.person")}</th>
                    <th scope="col">{t("organiser.scope")}</th>
                    <th scope="col">{t("organiser.issuedAt")}</th>
                    <th scope="col">{t("organiser.rule")}</th>
                    <th scope="col">{t("organiser.status")}</th>
                    <th scope="col">{t("organiser.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((c) => {
                    const name = c.printedName || t("organiser.erasedName");
                    const session = sessions.find((s) => s.id === c.sessionId);
                    return (
                      <tr key={c.id}>
                        <th scope="row">{name}</th>
                        <td>
                          {session
                            ? t("organiser.sessionOption", {
                                position: session.position,
                                title: themeTitle(session.themeId),
                              })
                            : t("organiser.wholeSeries")}
                        </td>
                        <td>{formatDateTime(c.issuedAt, locale, { dateStyle: "medium" })}</td>
                        <td>{c.thresholdPercent}%</td>
                        <td>
                          {c.revokedAt
                            ? c.revokedBy === "organiser"
                              ? t("organiser.revoked")
                              : t("organiser.revokedErased")
                            : t("organiser.valid")}
                        </td>
                        <td className="certificate-actions">
                          {c.printedName && (
                            <Button
                              variant="quiet"
                              icon={FileDown}
                              aria-label={t("organiser.downloadFor", { name })}
                              onPress={() => download.mutate({ certificateId: c.id })}
                            >
                              {t("organiser.download")}
                            </Button>
                          )}
                          {!c.revokedAt && (
                            <Button
                              variant="quiet"
                              icon={Undo2}
                              aria-label={t("organiser.revokeFor", { name })}
                              onPress={() => setRevoking({ id: c.id, name })}
                            >
                              {t("organiser.revoke")}
                            </Button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
            )}
          </section>
          <Dialog
            title={t("organiser.revokeTitle", { name: revoking?.name ?? "" })}
            closeLabel={t("organiser.cancel")}
            role="alertdialog"
            isOpen={revoking !== null}
            onOpenChange={(open) => {
              if (!open) setRevoking(null);
            }}
          >
            <p>{t("organiser.revokeText")}</p>
            <TextField label={t("organiser.reason")} value={reason} onChange={setReason} maxLength={500} />
            {revoke.isError && (
              <p role="alert" className="notice notice-error">
                {errorMessage(revoke.error) ?? tCommon("error.generic")}
              </p>
            )}
            <div className="ui-dialog-actions">
              <Button onPress={() => setRevoking(null)}>{t("organiser.cancel")}</Button>
              <Button
                variant="danger"
                isDisabled={revoke.isPending}
                onPress={() =>
                  revoking &&
                  revoke.mutate({
                    seriesId,
                    certificateId: revoking.id,
                    ...(reason.trim() ? { reason: reason.trim() } : {}),
                  })
                }
              >
                {t("organiser.confirmRevoke")}
              </Button>
            </div>
          </Dialog>
        </>
      )}
    </>
  );
}
