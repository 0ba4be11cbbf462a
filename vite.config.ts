import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/; `npm run build` writes dist/client, which the server serves.
// `npm run dev` proxies /api, /metrics and the platform media placeholders (/media/thumb,
// /media/video) to the server on PORT (default 8080).
const apiPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      // zod 4 places /*#__PURE__*/ comments where Rollup cannot use them; harmless, and it says so per file.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://127.0.0.1:${apiPort}`,
      '/metrics': `http://127.0.0.1:${apiPort}`,
      '/media/': `http://127.0.0.1:${apiPort}`,
    },
  },
});
