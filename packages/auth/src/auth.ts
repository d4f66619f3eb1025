import {
  AuthAccount,
  AuthSession,
  AuthVerification,
  and,
  type Database,
  describeDatabaseError,
  eq,
  isDatabaseUnavailable,
  Participant,
  Person,
  redactQueryText,
  Series,
  SeriesLogo,
} from "@reeks/db";
import type { Mailer } from "@reeks/mail";
import { localeSchema, pickLocale, seriesMailBrand, slugSchema } from "@reeks/models";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { magicLink } from "better-auth/plugins/magic-link";
import { magicLinkMail } from "./mails";
import {
  AUTH_BASE_PATH,
  COOKIE_PREFIX,
  MAGIC_LINK_TTL_SECONDS,
  SESSION_IDLE_SECONDS,
  SESSION_REFRESH_SECONDS,
  SIGN_IN_ERROR_PATH,
} from "./policy";

export interface AuthOptions {
  db: Database;
  mailer: Mailer;
  /** The URL people reach Reeks on, e.g. https://reeks.example.nl; links in mails point here. */
  publicUrl: string;
  /** At least 32 characters; signs the session cookie. */
  secret: string;
}

/**
 * better-auth logs a failed query as drizzle reports it: the SQL and its parameters, which for a
 * session lookup is the session token. Only the driver's message reaches the log; and a database
 * outage not at all, since every request would log it (the background loops log it once).
 */
export function logRedacted(level: "debug" | "info" | "warn" | "error", message: string, ...args: unknown[]) {
  if (args.some((arg) => isDatabaseUnavailable(arg))) return;
  const details = args.map((arg) =>
    arg instanceof Error || typeof arg !== "object" || arg === null
      ? describeDatabaseError(arg)
      : "[details withheld]",
  );
  const line = [`[Better Auth] ${redactQueryText(message)}`, ...details].join(" ");
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

function createBetterAuth(options: AuthOptions) {
  const publicUrl = new URL(options.publicUrl);
  return betterAuth({
    appName: "Reeks",
    baseURL: publicUrl.origin,
    basePath: AUTH_BASE_PATH,
    secret: options.secret,
    trustedOrigins: [publicUrl.origin],
    database: drizzleAdapter(options.db, {
      provider: "pg",
      schema: { user: Person, session: AuthSession, account: AuthAccount, verification: AuthVerification },
    }),
    user: {
      modelName: "user",
      additionalFields: {
        // Set from the registration form, never from better-auth's own endpoints.
        locale: { type: "string", required: false, defaultValue: "nl", input: false },
      },
    },
    session: {
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
      // No cookie cache: every request checks the session row, so signing out everywhere is immediate.
      cookieCache: { enabled: false },
    },
    // Sign-in is by magic link only; no passwords to leak or reset.
    emailAndPassword: { enabled: false },
    // Our own database-backed limits (apps/server) answer with a translated 429; better-auth's would not.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { log: logRedacted },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: publicUrl.protocol === "https:",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [
      magicLink({
        expiresIn: MAGIC_LINK_TTL_SECONDS,
        storeToken: "hashed",
        // No open sign-up: a link only signs in a person who registered or was invited.
        disableSignUp: true,
        sendMagicLink: async ({ email, url, metadata }) => {
          const person = await options.db.query.Person.findFirst({
            where: eq(Person.email, email.toLowerCase()),
          });
          // Unknown or erased: send nothing, and answer the same as for a known address, so the
          // endpoint does not reveal who has an account.
          if (!person || person.erasedAt) return;
          const link = new URL(url);
          // Whatever the caller asked, failures land on the page that explains them.
          link.searchParams.set("errorCallbackURL", SIGN_IN_ERROR_PATH);
          const locale = localeSchema.catch("nl").parse(person.locale);
          const registration = await registrationDetails(options.db, metadata, {
            locale,
            personId: person.id,
            publicUrl: publicUrl.origin,
          });
          await options.mailer.send(
            magicLinkMail({
              to: person.email,
              name: person.name,
              url: link.toString(),
              locale,
              registrationFor: registration?.title,
              placement: registration?.placement,
              brand: registration?.brand,
            }),
          );
        },
      }),
    ],
  });
}

/**
 * The series a registration link confirms, from the link's metadata, with where the person stands in
 * it and its branding. Only the slug comes from the request (anyone can call the endpoint); the title,
 * the place and the look come from our database.
 */
async function registrationDetails(
  db: Database,
  metadata: Record<string, unknown> | undefined,
  options: { locale: "nl" | "en"; personId: string; publicUrl: string },
) {
  if (metadata?.kind !== "registration") return undefined;
  const slug = slugSchema.safeParse(metadata.seriesSlug);
  if (!slug.success) return undefined;
  const series = await db.query.Series.findFirst({ where: eq(Series.slug, slug.data) });
  if (!series) return undefined;
  const participant = await db.query.Participant.findFirst({
    where: and(eq(Participant.seriesId, series.id), eq(Participant.personId, options.personId)),
  });
  const logo = await db.query.SeriesLogo.findFirst({
    where: eq(SeriesLogo.seriesId, series.id),
    columns: { seriesId: true },
  });
  const status = participant?.status;
  return {
    title: pickLocale(series.title, options.locale),
    placement: status === "approved" || status === "waitlisted" ? status : ("review" as const),
    brand: seriesMailBrand(series, {
      hasLogo: logo !== undefined,
      publicUrl: options.publicUrl,
      locale: options.locale,
    }),
  };
}

export type Auth = ReturnType<typeof createBetterAuth>;

export function createAuth(options: AuthOptions): Auth {
  return createBetterAuth(options);
}

/**
 * What the API's account procedures need (`AccountServices` in @reeks/api): sending goes through
 * better-auth's own endpoint, so a link made here is exactly what the sign-in page would get.
 */
export function accountServices(auth: Auth, options: { mailer: Mailer; publicUrl: string }) {
  return {
    mailer: options.mailer,
    publicUrl: options.publicUrl,
    async sendSignInLink(
      email: string,
      callbackPath: string,
      purpose?: { kind: "sign-in" } | { kind: "registration"; seriesSlug: string },
    ) {
      await auth.api.signInMagicLink({
        body: { email, callbackURL: callbackPath, metadata: purpose ?? { kind: "sign-in" } },
        headers: new Headers(),
      });
    },
  };
}
