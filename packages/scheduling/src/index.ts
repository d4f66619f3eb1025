export { bruteForceSchedule } from "./brute-force";
export * from "./solver";
export * from "./time";
