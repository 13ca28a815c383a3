import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// In development (npm run dev) the page is served by Vite on :5173 and everything else goes to the silo on :5080.
const silo = "http://localhost:5080";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/api": silo,
      "/connect": silo,
      "/account": silo,
      "/.well-known": silo,
      "/hubs": { target: silo, ws: true },
    },
  },
  build: { outDir: "dist", sourcemap: true },
  test: { environment: "jsdom" },
});
