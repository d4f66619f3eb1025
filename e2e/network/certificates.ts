import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TestCertificates {
  caFile: string;
  /** Leaf for every name given, followed by nothing else (a self-made CA needs no chain). */
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the leaf's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiHash: string;
}

/** A throwaway CA and one leaf certificate for `names`, made with Debian's openssl. */
export function makeTestCertificates(dir: string, names: string[]): TestCertificates {
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", file("ca.key")]);
  openssl([
    "req",
    "-x509",
    "-new",
    "-key",
    file("ca.key"),
    "-days",
    "2",
    "-subj",
    "/CN=Reeks test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
    "-out",
    file("ca.pem"),
  ]);
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", file("leaf.key")]);
  openssl(["req", "-new", "-key", file("leaf.key"), "-subj", `/CN=${names[0]}`, "-out", file("leaf.csr")]);
  writeFileSync(
    file("leaf.ext"),
    `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  openssl([
    "x509",
    "-req",
    "-in",
    file("leaf.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("leaf.ext"),
    "-out",
    file("leaf.pem"),
  ]);
  const spki = new X509Certificate(readFileSync(file("leaf.pem"))).publicKey.export({
    type: "spki",
    format: "der",
  });
  return {
    caFile: file("ca.pem"),
    certFile: file("leaf.pem"),
    keyFile: file("leaf.key"),
    spkiHash: createHash("sha256").update(spki).digest("base64"),
  };
}
