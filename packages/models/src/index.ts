export * from "./locale";
export * from "./registration";
export * from "./scheduling";
export * from "./series";
