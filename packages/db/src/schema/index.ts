export * from "./audit";
export * from "./auth";
export * from "./live";
export * from "./outcomes";
export * from "./people";
export * from "./series";
