import { createHash, createHmac } from "node:crypto";

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * Signs a webhook body the way livekit-server does: an HS256 JWT, issued by the API key, whose
 * `sha256` claim is the base64 SHA-256 of the body. `expiresInSeconds` < 0 gives an expired one.
 */
export function signWebhook(
  body: string,
  apiKey: string,
  apiSecret: string,
  options: { expiresInSeconds?: number } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (options.expiresInSeconds ?? 300);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: apiKey,
      nbf: Math.min(now, exp) - 10,
      exp,
      sha256: createHash("sha256").update(body).digest("base64"),
    }),
  );
  const signature = b64url(createHmac("sha256", apiSecret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}
