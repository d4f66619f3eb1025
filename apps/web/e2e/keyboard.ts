import type { Locator, Page } from "playwright-core";

/**
 * Helpers for keyboard-only runs: the person presses keys and sees the page; nothing here clicks.
 * They fail with what the person would have noticed: where the focus went, and that it was not shown.
 */

/** What the focused element is, and whether a sighted keyboard user can see that it has the focus. */
export function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { what: "body", shown: false, reason: "nothing has the focus" };
    const name =
      el.getAttribute("aria-label") ??
      ((el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || "").trim().slice(0, 60);
    const what = `${el.tagName.toLowerCase()} "${name}"`;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return { what, shown: false, reason: "it has no size" };
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none";
    // A custom control (React Aria) may draw its ring on an inner box: the checkbox's square.
    const inner = Array.from(el.parentElement?.querySelectorAll("*") ?? []).some((child) => {
      const s = getComputedStyle(child);
      return child !== el && s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) > 0;
    });
    return outline || ring || inner
      ? { what, shown: true, reason: "" }
      : {
          what,
          shown: false,
          reason: `no outline or ring (outline ${style.outlineStyle} ${style.outlineWidth}, :focus-visible ${el.matches(":focus-visible")})`,
        };
  });
}

/** Fails unless the focused element shows that it has the focus. */
export async function expectFocusShown(page: Page): Promise<void> {
  const state = await focusState(page);
  if (!state.shown) throw new Error(`focus on ${state.what} is not visible: ${state.reason}`);
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, as someone would, checking
 * at every stop on the way that the focus is visible. Fails after `max` presses, naming the stops.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { max?: number; backwards?: boolean } = {},
): Promise<void> {
  // A person waits until they see it before they start pressing Tab.
  await target.waitFor();
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 40); i += 1) {
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
    await expectFocusShown(page);
    if (await target.evaluate((el) => el === document.activeElement)) return;
    stops.push((await focusState(page)).what);
  }
  throw new Error(`Tab never reached ${target}; it went through: ${stops.join(", ")}`);
}

/** Whether `target` has the focus now. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}
