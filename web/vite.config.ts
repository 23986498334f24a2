import { defineConfig } from 'vite';

// `npm run dev` serves the app with hot reload and sends /api to a running
// Cairn server (CAIRN_URL, default http://127.0.0.1:8080).
export default defineConfig({
  build: {
    target: 'es2022',
    // No data: URLs: the server's Content-Security-Policy allows only 'self'.
    assetsInlineLimit: 0,
    outDir: 'dist',
  },
  server: {
    proxy: { '/api': { target: process.env.CAIRN_URL ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
