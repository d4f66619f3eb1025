import { request as httpRequest } from "node:http";
import type { Page } from "playwright-core";
import type { RunningReeks } from "../index";

/**
 * Signing people in from tests, through the REAL magic-link flow: ask for a link over HTTP, take the
 * mail from the server's local SMTP sink, follow the link. The person must exist (see `createPerson` in @reeks/db/testing).
 *
 *   await signInBrowser(page, server, "anne@gemeente.test");          // page now has the session cookie
 *   const cookie = await signInCookie(server, "anne@gemeente.test");  // for fetch(): { headers: { cookie } }
 *   await fetch(`${server.url}/api/trpc/account.me`, { headers: { cookie } });
 *
 * Mutations from fetch() need no Origin header (non-browser clients pass the CSRF check), but may send
 * `origin: server.url`. Each call sends a mail and counts against the sign-in rate limit: 5 per address
 * and 100 per client (all tests come from 127.0.0.1) per 15 minutes, per test server. Sign a person in
 * once and reuse the cookie or page.
 */
export async function requestSignInLink(
  server: RunningReeks,
  email: string,
  options: { callbackPath?: string } = {},
): Promise<string> {
  const sink = server.mailSink;
  if (!sink) throw new Error("requestSignInLink needs the local SMTP sink (leave SMTP_URL unset)");
  const address = email.trim().toLowerCase();
  const lastId = Math.max(0, ...sink.messages().map((m) => m.id));
  const response = await fetch(`${server.url}/api/auth/sign-in/magic-link`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email: address, callbackURL: options.callbackPath ?? "/" }),
  });
  if (!response.ok) throw new Error(`sign-in request failed: ${response.status} ${await response.text()}`);
  const mail = await sink.waitFor((m) => m.id > lastId && m.to.includes(address));
  return extractSignInLink(mail.text);
}

/** The magic link in a mail's text part. */
export function extractSignInLink(text: string): string {
  const link = text.match(/https?:\/\/\S+\/api\/auth\/magic-link\/verify\?\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link in mail:\n${text}`);
  return link;
}

/** Signs the person in in this page's browser context; resolves once the link has been followed. */
export async function signInBrowser(
  page: Page,
  server: RunningReeks,
  email: string,
  options: { callbackPath?: string } = {},
): Promise<void> {
  const link = await requestSignInLink(server, email, options);
  await page.goto(link);
  const cookies = await page.context().cookies(server.url);
  if (!cookies.some((c) => c.name.endsWith("session_token"))) {
    throw new Error(`signInBrowser: no session cookie after following the link (at ${page.url()})`);
  }
}

/** A `cookie` header value for a signed-in person, for plain HTTP calls. */
export async function signInCookie(server: RunningReeks, email: string): Promise<string> {
  const link = await requestSignInLink(server, email);
  const response = await fetch(link, { redirect: "manual" });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const session = cookies.find((c) => c.split("=")[0]?.endsWith("session_token"));
  if (!session) throw new Error(`signInCookie: link answered ${response.status} without a session cookie`);
  return session;
}

/**
 * Cookies for many people at once (a full room for a benchmark), through the same real magic-link
 * flow as `signInCookie`, `concurrency` at a time. The per-client limit on asking for links is what
 * it protects against here: each block of 90 people asks from its own loopback address
 * (127.0.1.x; all of 127.0.0.0/8 is this machine), as that many people on their own networks would.
 */
export async function signInCookies(
  server: RunningReeks,
  emails: string[],
  options: { concurrency?: number } = {},
): Promise<string[]> {
  const sink = server.mailSink;
  if (!sink) throw new Error("signInCookies needs the local SMTP sink (leave SMTP_URL unset)");
  const cookies: string[] = new Array(emails.length).fill("");
  let next = 0;
  const one = async (index: number) => {
    const address = (emails[index] ?? "").trim().toLowerCase();
    const body = JSON.stringify({ email: address, callbackURL: "/" });
    const asked = await loopbackRequest(`${server.url}/api/auth/sign-in/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body,
      localAddress: `127.0.1.${1 + Math.floor(index / 90)}`,
    });
    if (asked.status !== 200) throw new Error(`sign-in request for ${address}: ${asked.status}`);
    const mail = await sink.waitFor((m) => m.to.includes(address));
    const followed = await loopbackRequest(extractSignInLink(mail.text), { method: "GET" });
    const session = followed.setCookies
      .map((c) => c.split(";")[0] ?? "")
      .find((c) => c.split("=")[0]?.endsWith("session_token"));
    if (!session) throw new Error(`signInCookies: no session cookie for ${address} (${followed.status})`);
    cookies[index] = session;
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 8, emails.length) }, async () => {
      while (next < emails.length) await one(next++);
    }),
  );
  return cookies;
}

/** A plain HTTP/1.1 request that can choose its local loopback address (fetch cannot). */
function loopbackRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string; localAddress?: string },
): Promise<{ status: number; setCookies: string[] }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: options.method, headers: options.headers, localAddress: options.localAddress },
      (response) => {
        response.resume();
        response.on("end", () => {
          const setCookie = response.headers["set-cookie"] ?? [];
          resolve({ status: response.statusCode ?? 0, setCookies: setCookie });
        });
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
