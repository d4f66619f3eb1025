import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bootstrapOrganiser, DomainError, makeAdministrator, messageOf } from "@reeks/api";
import { DEMO_SERIES_SLUG, listSeriesOverviews, seedDemoSeries } from "@reeks/db";
import {
  DEFAULT_LOCALE,
  emailSchema,
  localeSchema,
  personText,
  pickLocale,
  TEXT_LIMITS,
} from "@reeks/models";
import { Command } from "commander";
import type { z } from "zod";
import { BackupError, restoreBackup, writeBackup } from "./backup";
import { openCliDatabase } from "./database";
import { ConfigError, loadEnv } from "./env";
import { ExportCommandError, parseExportOptions, runExport } from "./export-command";
import { runSetup, SetupError } from "./production/setup";
import { formatScheduleSuggestion } from "./schedule-suggest";

const program = new Command()
  .name("reeks")
  .description(
    "Organiser tools for Reeks, on the same database as the app (DATABASE_URL or .reeks/), also while it runs.",
  );

const series = program.command("series").description("Series and their sessions");

series
  .command("list")
  .description("Print every series with its sessions")
  .action(async () => {
    const database = await openCliDatabase(loadEnv());
    try {
      for (const s of await listSeriesOverviews(database.db, { all: true })) {
        console.log(`${pickLocale(s.title, "nl")} (${s.slug}) — ${s.organiser}`);
        for (const session of s.sessions) {
          const theme = s.themes.find((t) => t.id === session.themeId);
          const when = session.startsAt
            ? new Date(session.startsAt).toLocaleString("nl-NL", { timeZone: s.timeZone })
            : "nog niet gepland";
          console.log(
            `  ${session.position}. ${theme ? pickLocale(theme.title, "nl") : "?"} — ${session.status}, ${when}`,
          );
        }
      }
    } finally {
      await database.close();
    }
  });

program
  .command("export")
  .description(
    "Write a document of a series: essay (docx|md), agenda (docx|csv|xlsx), attendance (csv|xlsx), evaluation (csv|xlsx), series (json)",
  )
  .requiredOption("--series <slug>", "series slug")
  .requiredOption("--format <format>", "docx | md | csv | xlsx | json")
  .option(
    "--kind <kind>",
    "essay | agenda | attendance | evaluation | series (default: essay for docx/md, agenda for csv/xlsx)",
  )
  .option("--theme <n>", "only this theme (its position, 1-4)")
  .option("--lang <lang>", "nl | en", "nl")
  .requiredOption("--out <file>", "where to write the file")
  .action(async (raw: Record<string, unknown>) => {
    const options = parseExportOptions(raw);
    const database = await openCliDatabase(loadEnv());
    try {
      const { path, bytes } = await runExport(database.db, options);
      console.log(`Wrote ${options.kind} (${options.format}, ${options.lang}) to ${path}: ${bytes} bytes.`);
    } finally {
      await database.close();
    }
  });

/** A bad option stops the command with one line naming it, like a bad environment variable. */
function parseOption<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ConfigError(`Invalid ${name}: ${parsed.error.issues[0]?.message ?? "invalid value"}.`);
}

const organiser = program.command("organiser").description("Organisers of a series");

organiser
  .command("add")
  .description("Make a person an approved organiser of a series (creates the account when needed)")
  .requiredOption("--email <email>", "their e-mail address; they sign in with a magic link")
  .requiredOption("--name <name>", "their name")
  .option("--series <slug>", "the series", DEMO_SERIES_SLUG)
  .option("--organisation <organisation>", "their organisation", "VGS")
  .option("--locale <locale>", "language of their mails: nl or en", "nl")
  .action(
    async (options: {
      email: string;
      name: string;
      series: string;
      organisation: string;
      locale: string;
    }) => {
      const input = {
        seriesSlug: options.series,
        email: parseOption("--email", emailSchema, options.email),
        name: parseOption("--name", personText(TEXT_LIMITS.name), options.name),
        organisation: parseOption(
          "--organisation",
          personText(TEXT_LIMITS.organisation),
          options.organisation,
        ),
        locale: parseOption("--locale", localeSchema, options.locale),
      };
      const database = await openCliDatabase(loadEnv());
      try {
        // On a fresh installation the demo series exists only after the first start; seed it here too.
        await seedDemoSeries(database.db);
        await bootstrapOrganiser(database.db, input);
        console.log(`${input.email} is now organiser of ${input.seriesSlug}; they can sign in at /inloggen.`);
      } finally {
        await database.close();
      }
    },
  );

program
  .command("admin")
  .description("Workspace administrators: they create series and appoint their organisers")
  .command("add")
  .description("Make a person a workspace administrator (creates the account when needed)")
  .requiredOption("--email <email>", "their e-mail address; they sign in with a magic link")
  .option("--name <name>", "their name (for a new account)", "Beheerder")
  .option("--locale <locale>", "language of their mails: nl or en", "nl")
  .action(async (options: { email: string; name: string; locale: string }) => {
    const input = {
      email: parseOption("--email", emailSchema, options.email),
      name: parseOption("--name", personText(TEXT_LIMITS.name), options.name),
      locale: parseOption("--locale", localeSchema, options.locale),
    };
    const database = await openCliDatabase(loadEnv());
    try {
      await makeAdministrator(database.db, input);
      console.log(`${input.email} is now administrator; they can sign in at /inloggen.`);
    } finally {
      await database.close();
    }
  });

program
  .command("schedule")
  .description("Scheduling of the sessions of a series")
  .command("suggest")
  .description("Print the recommended plan (and alternatives) from the availability answers")
  .requiredOption("--series <slug>", "slug of the series")
  .action(async (options: { series: string }) => {
    const database = await openCliDatabase(loadEnv());
    try {
      const text = await formatScheduleSuggestion(database.db, options.series);
      if (text === null) {
        console.error(`Onbekende reeks: ${options.series}`);
        process.exitCode = 1;
        return;
      }
      console.log(text);
    } finally {
      await database.close();
    }
  });

program
  .command("setup")
  .description(
    "Write the production env file (secrets generated once, kept on a re-run), livekit.yaml, a Caddyfile and systemd units",
  )
  .requiredOption("--domain <name>", "the name people use, e.g. reeks.example.nl")
  .requiredOption("--public-ip <ip>", "the server's public IPv4 address (LiveKit advertises it)")
  .option("--bind-ip <ip>", "the address Caddy binds when it differs from --public-ip (a cloud's 1:1 NAT)")
  .option("--turn-domain <name>", "TURN's own name, e.g. turn.reeks.example.nl (needs --turn-ip)")
  .option("--turn-ip <ip>", "a second public address for TURN over TLS on 443")
  .option("--data-dir <dir>", "where the database and files live", "/var/lib/reeks")
  .option("--out <dir>", "where the configuration goes", "/etc/reeks")
  .option("--user <name>", "the unprivileged user both services run as", "reeks")
  .option(
    "--livekit-bin <path>",
    "livekit-server for the unit (copied there when missing)",
    "/usr/local/bin/livekit-server",
  )
  .option("--email <address>", "ACME account address: Let's Encrypt warns there before a certificate expires")
  .action(
    async (options: {
      domain: string;
      publicIp: string;
      bindIp?: string;
      turnDomain?: string;
      turnIp?: string;
      dataDir: string;
      out: string;
      user: string;
      livekitBin: string;
      email?: string;
    }) => {
      const result = await runSetup({
        domain: options.domain,
        publicIp: options.publicIp,
        ...(options.bindIp ? { bindIp: options.bindIp } : {}),
        ...(options.turnDomain ? { turnDomain: options.turnDomain } : {}),
        ...(options.turnIp ? { turnIp: options.turnIp } : {}),
        dataDir: options.dataDir,
        outDir: options.out,
        rootDir: fileURLToPath(new URL("../../..", import.meta.url)),
        user: options.user,
        livekitBinary: options.livekitBin,
        ...(options.email ? { email: options.email } : {}),
      });
      console.log(
        [
          `Wrote ${result.envFile} (${result.keptSecrets ? "secrets kept" : "new secrets"}), ${result.livekitConfig}, ${result.caddyfile},`,
          `${result.appUnit} and ${result.livekitUnit}${result.turnHook ? `, ${result.turnHook}` : ""}.`,
          "Next (docs/deploying.md): set SMTP_URL in the env file, then",
          `  cp ${result.caddyfile} /etc/caddy/Caddyfile && systemctl reload caddy`,
          `  cp ${result.appUnit} ${result.livekitUnit} /etc/systemd/system/ && systemctl daemon-reload`,
          "  systemctl enable --now reeks-livekit reeks",
        ].join("\n"),
      );
    },
  );

program
  .command("backup")
  .description("Write every table of the database to one file (gzipped; works while Reeks runs)")
  .requiredOption("--out <file>", "where to write the backup")
  .action(async (options: { out: string }) => {
    const out = resolve(options.out);
    const database = await openCliDatabase(loadEnv());
    try {
      const { tables, rows } = await writeBackup(database.db, out);
      console.log(`Wrote ${rows} rows of ${tables} tables to ${out}.`);
    } finally {
      await database.close();
    }
  });

program
  .command("restore")
  .description("Load a backup into the database (refuses a database that holds data, unless --force)")
  .argument("<file>", "a file written by `reeks backup`")
  .option("--force", "replace everything the database holds")
  .action(async (file: string, options: { force?: boolean }) => {
    const database = await openCliDatabase(loadEnv());
    try {
      const { tables, rows } = await restoreBackup(database.db, resolve(file), {
        force: options.force === true,
      });
      console.log(`Restored ${rows} rows of ${tables} tables from ${file}.`);
    } finally {
      await database.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  // A service's refusal reads as in the web app (the same catalogue), in the organisers' language.
  const oneLine =
    error instanceof ConfigError ||
    error instanceof ExportCommandError ||
    error instanceof DomainError ||
    error instanceof BackupError;
  if (error instanceof SetupError) console.error(error.message);
  else console.error(oneLine ? messageOf(error, DEFAULT_LOCALE) : error);
  process.exit(1);
});
