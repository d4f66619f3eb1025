import type { EssayItem, EssayOutline } from "./essay";

/**
 * Escapes what Markdown would otherwise interpret, so a participant's text cannot turn into a heading,
 * a link or raw HTML in the writers' editor. Newlines become line breaks inside the same item.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/([\\`*_[\]<>|~])/g, "\\$1")
    .split("\n")
    .map((line) => line.replace(/^(\s*)([#+\-=]|\d+[.)])/, "$1\\$2"))
    .join("  \n  ");
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/ {2}\n {2}/g, "<br>");
}

function itemLine(item: EssayItem, keyLabel: string, suffix?: string, kindLabel?: string): string {
  const kind = kindLabel ? `${escapeMarkdown(kindLabel)}: ` : "";
  const key = `${item.key ? `**${keyLabel}:** ` : ""}${kind}`;
  const extra = suffix ? ` (${escapeMarkdown(suffix)})` : "";
  const who = item.attributedTo ? ` · ${escapeMarkdown(item.attributedTo)}` : "";
  return `- ${key}${escapeMarkdown(item.text)}${extra}  \n  _${escapeMarkdown(item.source)}${who}_\n`;
}

/**
 * The essay draft as Markdown, yielded piece by piece so a large series streams to disk or to the
 * client without building the whole text in memory.
 */
export function* renderEssayMarkdown(outline: EssayOutline): Generator<string> {
  const { texts } = outline;
  yield `# ${escapeMarkdown(outline.title)}\n\n`;
  yield `**${escapeMarkdown(outline.subtitle)}**  \n${escapeMarkdown(outline.organisedBy)}  \n_${escapeMarkdown(outline.draftNotice)}_\n\n`;
  for (const theme of outline.themes) {
    yield `## ${escapeMarkdown(theme.heading)}\n\n`;
    yield `> **${escapeMarkdown(texts.guidingQuestion)}:** ${escapeMarkdown(theme.guidingQuestion)}\n\n`;
    for (const section of theme.sections) {
      yield `### ${escapeMarkdown(section.heading)}\n\n`;
      if (section.type === "items" || section.type === "questions") {
        if (section.items.length === 0) {
          yield `_${texts.none}_\n\n`;
          continue;
        }
        for (const item of section.items)
          yield itemLine(item, texts.key, "votes" in item ? item.votes : undefined);
        yield "\n";
      } else if (section.type === "groups") {
        for (const group of section.groups) {
          yield `#### ${escapeMarkdown(group.name)}\n\n`;
          yield `> **${escapeMarkdown(texts.groupQuestion)}:** ${escapeMarkdown(group.question)}\n\n`;
          for (const item of group.items) yield itemLine(item, texts.key, undefined, item.kindLabel);
          yield "\n";
        }
      } else if (section.type === "actions") {
        if (section.actions.length === 0) {
          yield `_${texts.none}_\n\n`;
          continue;
        }
        const c = texts.columns;
        yield `| ${c.action} | ${c.owner} | ${c.dueDate} | ${c.status} | ${c.source} |\n|---|---|---|---|---|\n`;
        for (const a of section.actions) {
          const key = a.key ? `**${texts.key}:** ` : "";
          const who = a.attributedTo ? ` · ${cell(a.attributedTo)}` : "";
          yield `| ${key}${cell(a.text)} | ${cell(a.owner)} | ${cell(a.dueDate)} | ${cell(a.status)} | ${cell(a.source)}${who} |\n`;
        }
        yield "\n";
      } else {
        if (section.polls.length === 0) yield `_${texts.none}_\n\n`;
        for (const poll of section.polls) {
          yield `**${escapeMarkdown(poll.question)}**  \n_${escapeMarkdown(poll.source)} · ${escapeMarkdown(poll.total)}_\n\n`;
          yield `| ${texts.columns.option} | ${texts.columns.votes} | % |\n|---|---:|---:|\n`;
          for (const o of poll.options) yield `| ${cell(o.label)} | ${cell(o.votes)} | ${cell(o.share)} |\n`;
          yield "\n";
        }
      }
    }
  }
  for (const appendix of [outline.appendix, outline.evaluationAppendix]) {
    if (!appendix) continue;
    yield `## ${escapeMarkdown(appendix.heading)}\n\n${escapeMarkdown(appendix.intro)}\n\n`;
    for (const line of appendix.summary) yield `- ${escapeMarkdown(line)}\n`;
    yield `\n| ${appendix.columns.map(cell).join(" | ")} |\n|${appendix.columns.map(() => "---").join("|")}|\n`;
    for (const row of appendix.rows) yield `| ${row.map(cell).join(" | ")} |\n`;
  }
}
