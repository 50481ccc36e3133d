/**
 * The editor is a static bundle: `pnpm ledgerflow serve` serves editor/dist on
 * the API's port in production; in development Vite proxies /api to the server.
 * Monaco is bundled locally (no CDN) — only the editor API and its worker.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
});
