export * from "./audit";
export * from "./auth";
export * from "./jobs";
export * from "./live";
export * from "./outcomes";
export * from "./people";
export * from "./scheduling";
export * from "./series";
