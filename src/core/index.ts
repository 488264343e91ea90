/** Internal barrel for resource modules (not a public entry). */
export * from "./config";
export * from "./errors";
export * from "./http";
export * from "./pagination";
export * from "./params";
export * from "./path";
export * from "./schemas";
export { VERSION } from "./version";
