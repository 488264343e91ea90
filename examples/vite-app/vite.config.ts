import { defineConfig } from "vite";

export default defineConfig({
  resolve: {
    // anomalyarmor is linked from the repository (file:../..) and resolves msw and query-core from
    // there: one copy of each, or msw's handlers and the QueryClient would not recognise each other.
    dedupe: ["msw", "@tanstack/query-core"],
  },
  // The sandbox chunk (the in-browser API and msw) is large; it loads only when no account is configured.
  build: { chunkSizeWarningLimit: 800 },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
