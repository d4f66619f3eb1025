import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": api, "/healthz": api, "/livekit": api },
  },
  // livekit-client alone is ~500 kB; it is split off into the media pages.
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 700 },
});
