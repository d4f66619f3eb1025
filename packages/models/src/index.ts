export * from "./locale";
export * from "./outcomes";
export * from "./series";
