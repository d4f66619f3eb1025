export * from "./locale";
export * from "./registration";
export * from "./series";
