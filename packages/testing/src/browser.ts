import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { voiceLikeWav } from "./fake-voice";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface LaunchChromiumOptions {
  /**
   * The fake microphone "talks" (a voice-like tone in syllables, non-stop) instead of Chromium's
   * default 20 ms beep twice a second, which is too short for LiveKit's speaker detection: for tests
   * that need an active speaker. Screen sharing needs no option: the fake UI picks a fake screen.
   */
  fakeVoice?: boolean;
}

/** Debian's Chromium, headless, with fake camera and microphone that need no permission prompt. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (pnpm test does).`);
  }
  const voiceDir = options.fakeVoice ? await mkdtemp(join(tmpdir(), "reeks-voice-")) : null;
  const extraArgs: string[] = [];
  if (voiceDir) {
    const file = join(voiceDir, "voice.wav");
    await writeFile(file, voiceLikeWav());
    extraArgs.push(`--use-file-for-fake-audio-capture=${file}`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      ...extraArgs,
    ],
  });
  if (voiceDir) browser.on("disconnected", () => void rm(voiceDir, { recursive: true, force: true }));
  return browser;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page against WCAG 2.1 A and AA and returns what it finds. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated rather than added as a <script>: Reeks' CSP (rightly) refuses inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: string[] }>;
      }>;
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
}

/**
 * Content Security Policy violations Chromium reports in the page's console from now on (a refused
 * script, style, image or connection), as a live list: assert it is empty at the end of a test.
 */
export function recordCspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) found.push(message.text());
  });
  return found;
}
