export * from "./mail-job";
export * from "./queue";
