import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file; migrations go through
// src/store/migrate (Prisma's WASM schema engine), see README.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/complaint_desk" },
});
