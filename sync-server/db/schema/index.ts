/** The whole database schema (drizzle-kit reads this file; see drizzle.config.ts). */
export * from "./admin";
export * from "./auth";
export * from "./booking";
export * from "./certificates";
export * from "./checkout";
export * from "./community";
export * from "./courses";
export * from "./credentials";
export * from "./enums";
export * from "./goodwill";
export * from "./learning";
export * from "./messaging";
export * from "./notifications";
export * from "./payments";
export * from "./scheduling";
export * from "./sync";
export * from "./users";
