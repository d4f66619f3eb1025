// @reeks/exports: pure renderers of captured data (essay draft as DOCX/Markdown, action agenda,
// attendance, CSV) from plain models; @reeks/api loads the data, this package only formats it.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export * from "./agenda";
export * from "./attendance";
export * from "./attendance-export";
export * from "./attribution";
export * from "./certificate-pdf";
export * from "./csv";
export * from "./essay";
export * from "./essay-docx";
export * from "./essay-markdown";
export * from "./evaluation";
export * from "./format";
export * from "./json";
export * from "./model";
export * from "./render";
export * from "./texts";
export * from "./transcript";
