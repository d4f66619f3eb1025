import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { paragraph, runs, type SectionChildren, table } from "./docx-helpers";
import type { EssayItem, EssayOutline, EssaySection } from "./essay";

const SOURCE_COLOR = "595959";

/** One bullet: the text (with "Kern:" in front of key items), then its source line for the writers. */
function itemParagraphs(item: EssayItem, keyLabel: string, suffix?: string, kindLabel?: string): Paragraph[] {
  const text = [
    ...(item.key ? runs(`${keyLabel}: `, { bold: true }) : []),
    ...(kindLabel ? runs(`${kindLabel}: `) : []),
    ...runs(item.text),
  ];
  if (suffix) text.push(...runs(` (${suffix})`));
  const source = item.attributedTo ? `${item.source} · ${item.attributedTo}` : item.source;
  return [
    new Paragraph({ children: text, bullet: { level: 0 } }),
    new Paragraph({
      children: runs(source, { italics: true, color: SOURCE_COLOR, size: 18 }),
      indent: { left: 720 },
      spacing: { after: 120 },
    }),
  ];
}

function sectionChildren(section: EssaySection, outline: EssayOutline): SectionChildren {
  const { texts } = outline;
  const children: SectionChildren = [
    new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }),
  ];
  const none = () => paragraph(runs(texts.none, { italics: true }));
  switch (section.type) {
    case "items":
      if (section.items.length === 0) children.push(none());
      for (const item of section.items) children.push(...itemParagraphs(item, texts.key));
      break;
    case "groups":
      for (const group of section.groups) {
        children.push(new Paragraph({ children: runs(group.name), heading: HeadingLevel.HEADING_3 }));
        children.push(paragraph(runs(`${texts.groupQuestion}: ${group.question}`, { italics: true })));
        for (const item of group.items)
          children.push(...itemParagraphs(item, texts.key, undefined, item.kindLabel));
      }
      break;
    case "questions":
      if (section.items.length === 0) children.push(none());
      for (const item of section.items) children.push(...itemParagraphs(item, texts.key, item.votes));
      break;
    case "actions": {
      if (section.actions.length === 0) {
        children.push(none());
        break;
      }
      const c = texts.columns;
      children.push(
        table(
          [c.action, c.owner, c.dueDate, c.status, c.source],
          section.actions.map((a) => [
            a.key ? `${texts.key}: ${a.text}` : a.text,
            a.owner,
            a.dueDate,
            a.status,
            a.attributedTo ? `${a.source} · ${a.attributedTo}` : a.source,
          ]),
        ),
      );
      break;
    }
    case "polls":
      if (section.polls.length === 0) children.push(none());
      for (const poll of section.polls) {
        children.push(new Paragraph({ children: runs(poll.question), heading: HeadingLevel.HEADING_3 }));
        children.push(
          paragraph(runs(`${poll.source} · ${poll.total}`, { italics: true, color: SOURCE_COLOR })),
        );
        children.push(
          table(
            [texts.columns.option, texts.columns.votes, "%"],
            poll.options.map((o) => [o.label, o.votes, o.share]),
          ),
        );
      }
      break;
  }
  return children;
}

export function essayDocument(outline: EssayOutline): Document {
  const { texts } = outline;
  const titlePage: SectionChildren = [
    new Paragraph({ children: runs(outline.title), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: runs(outline.subtitle), heading: HeadingLevel.HEADING_1 }),
    paragraph(runs(outline.organisedBy)),
    paragraph(runs(outline.draftNotice, { italics: true })),
    // No explicit page break: every theme heading (and the appendix) starts a new page itself.
  ];
  const body: SectionChildren = [];
  for (const theme of outline.themes) {
    body.push(
      new Paragraph({
        children: runs(theme.heading),
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
      }),
    );
    body.push(
      paragraph([
        ...runs(`${texts.guidingQuestion}: `, { bold: true }),
        ...runs(theme.guidingQuestion, { italics: true }),
      ]),
    );
    for (const section of theme.sections) body.push(...sectionChildren(section, outline));
  }
  for (const appendix of [outline.appendix, outline.evaluationAppendix]) {
    if (!appendix) continue;
    body.push(
      new Paragraph({
        children: runs(appendix.heading),
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
      }),
    );
    body.push(paragraph(runs(appendix.intro)));
    for (const line of appendix.summary)
      body.push(new Paragraph({ children: runs(line), bullet: { level: 0 } }));
    body.push(table(appendix.columns, appendix.rows));
  }

  return new Document({
    title: `${outline.title} — ${outline.subtitle}`,
    creator: outline.organiser,
    lastModifiedBy: outline.organiser,
    styles: { default: { document: { run: { font: "Calibri" } } } },
    sections: [{ children: [...titlePage, ...body] }],
  });
}

export async function renderEssayDocx(outline: EssayOutline): Promise<Buffer> {
  return Packer.toBuffer(essayDocument(outline));
}
