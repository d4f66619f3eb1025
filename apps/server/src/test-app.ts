import { createAuth } from "@reeks/auth";
import type { DatabaseHandle } from "@reeks/db";
import { createRoomService, type LivekitConnection } from "@reeks/livekit";
import { createMailer } from "@reeks/mail";
import { type AppDependencies, createApp } from "./app";

/** The app for tests that only need its HTTP routes (webhooks): a mailer pointing nowhere, no SPA. */
export function createTestApp(
  database: DatabaseHandle,
  connection: LivekitConnection,
  extra: Partial<AppDependencies> = {},
) {
  const mailer = createMailer({ smtpUrl: "smtp://127.0.0.1:9", from: "test@reeks.test" });
  const publicUrl = "http://127.0.0.1:3000";
  return createApp({
    database,
    livekit: { connection, publicUrl: connection.url },
    rooms: createRoomService(connection),
    webDistDir: "/nonexistent",
    auth: createAuth({ db: database.db, mailer, publicUrl, secret: "t".repeat(32) }),
    mailer,
    mailSink: null,
    publicUrl,
    ...extra,
  });
}
