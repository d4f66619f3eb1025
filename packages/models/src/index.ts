export * from "./locale";
export * from "./scheduling";
export * from "./series";
