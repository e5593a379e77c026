import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer (React + Blockly + three.js) into dist/renderer; the host serves it in browser mode and
 *  Electron loads it from disk. Relative base so both file:// and http:// work. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    target: 'es2022',
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@dimforge/rapier3d-deterministic-compat'] },
});
