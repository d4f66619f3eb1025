export * from "./locale";
export * from "./series";
