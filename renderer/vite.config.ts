import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vite runs from the repository root (`vite build --config renderer/vite.config.ts`), so the root is pinned to this
// folder. The gateway serves `renderer/dist` from memory under a strict CSP: no inline scripts, no CDN, no eval.
const gateway = process.env.GATEWAY_URL ?? 'https://127.0.0.1:8443';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The gateway holds the whole build in memory; maps only on request (RENDERER_SOURCEMAP=1).
    sourcemap: process.env.RENDERER_SOURCEMAP === '1',
    // hls.js is ~400 kB minified; one vendor chunk is expected for a console app.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/api': { target: gateway, secure: false, ws: true },
      '/hls': { target: gateway, secure: false },
    },
  },
});
