import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "bench/**", "src/generated/**", "data/**", "coverage/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests talk to a real PostgreSQL and Redis: isolate files in child
    // processes and keep parallelism to the machine's 2 cores.
    pool: "forks",
    maxWorkers: 2,
    fileParallelism: true,
    // An empty run is a broken run (see .ci/run).
    passWithNoTests: false,
  },
});
