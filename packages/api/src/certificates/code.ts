import { createHash, randomBytes } from "node:crypto";

/** 144 random bits, base64url: 24 characters that fit in a URL and a QR code of modest size. */
export function newVerificationCode(): string {
  return randomBytes(18).toString("base64url");
}

export function hashVerificationCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** What a code looks like; anything else is unknown without asking the database. */
export const VERIFICATION_CODE_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export const verificationPath = (code: string) => `/verifieer/${code}`;
