// @reeks/models: zod models and constants shared by browser and server (inputs, limits, locale, the
// typed live-event contract and its topic names). No database, no Node: the bottom of the layering.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export * from "./agenda";
export * from "./api-limits";
export * from "./authoring";
export * from "./branding";
export * from "./captions";
export * from "./contrast";
export * from "./evaluation";
export * from "./live-events";
export * from "./live-topics";
export * from "./locale";
export * from "./outcomes";
export * from "./registration";
export * from "./room";
export * from "./scheduling";
export * from "./series";
export * from "./transcript";
