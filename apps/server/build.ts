/**
 * Compiles the server to plain JavaScript for production: `node dist/main.js`, no tsx at run time.
 *
 * The workspace packages (@reeks/*) are TypeScript sources, so they are bundled in. Third-party
 * packages stay external and load from node_modules as they are (PGlite finds its wasm and data files
 * beside its own code). pnpm gives each package only its own dependencies, so a bare import from
 * inside a bundled workspace package would not resolve from dist/: every external import is
 * rewritten to the relative path of the file Node would have loaded for the importing package.
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const serverDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(serverDir, "dist");
const migrationsSource = fileURLToPath(new URL("../../packages/db/drizzle", import.meta.url));

function externalThirdParty(): Plugin {
  return {
    name: "external-third-party",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith("node:") || args.pluginData === "resolving") return undefined;
        if (args.path.startsWith("@reeks/")) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "resolving",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        // Node built-ins without the node: prefix.
        if (resolved.external || !resolved.path.includes(`${sep}node_modules${sep}`))
          return { path: args.path, external: true };
        let path = relative(outDir, resolved.path).split(sep).join("/");
        if (!path.startsWith(".")) path = `./${path}`;
        return { path, external: true };
      });
    },
  };
}

/** migrate.ts finds the SQL beside its own source; in the bundle the folder is copied beside main.js. */
function migrationsBesideBundle(): Plugin {
  return {
    name: "migrations-beside-bundle",
    setup(b) {
      b.onLoad({ filter: /packages[\\/]db[\\/]src[\\/]migrate\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const from = 'new URL("../drizzle", import.meta.url)';
        if (!source.includes(from)) throw new Error(`migrate.ts no longer contains ${from}: update build.ts`);
        return { contents: source.replace(from, 'new URL("./drizzle", import.meta.url)'), loader: "ts" };
      });
    },
  };
}

const fontsSource = fileURLToPath(new URL("../../packages/exports/fonts", import.meta.url));

/** The certificate PDF reads its font beside its own source; in the bundle the folder is beside main.js. */
function fontsBesideBundle(): Plugin {
  return {
    name: "fonts-beside-bundle",
    setup(b) {
      b.onLoad({ filter: /packages[\\/]exports[\\/]src[\\/]certificate-pdf\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const from = 'new URL("../fonts/';
        if (!source.includes(from))
          throw new Error(`certificate-pdf.ts no longer contains ${from}: update build.ts`);
        return { contents: source.replaceAll(from, 'new URL("./fonts/'), loader: "ts" };
      });
    },
  };
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const result = await build({
  entryPoints: { main: join(serverDir, "src/main.ts"), cli: join(serverDir, "src/cli.ts") },
  outdir: outDir,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  metafile: true,
  plugins: [externalThirdParty(), migrationsBesideBundle(), fontsBesideBundle()],
});
cpSync(migrationsSource, join(outDir, "drizzle"), { recursive: true });
cpSync(fontsSource, join(outDir, "fonts"), { recursive: true });
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith(".js"))
  .reduce((sum, [, output]) => sum + output.bytes, 0);
console.log(
  `@reeks/server compiled to ${relative(process.cwd(), outDir) || "."} (${Math.round(bytes / 1024)} KiB JS)`,
);
