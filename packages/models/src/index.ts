export * from "./api-limits";
export * from "./live-events";
export * from "./live-topics";
export * from "./locale";
export * from "./outcomes";
export * from "./registration";
export * from "./scheduling";
export * from "./series";
