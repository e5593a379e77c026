import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Blockly loads its cursors, sprites and icons from `media` at run time; serve them from the app itself
 *  (`./blockly-media/`) so nothing is fetched from the internet (classrooms are offline; CSP allows 'self' only). */
function blocklyMedia(): Plugin {
  const dir = join(import.meta.dirname, 'node_modules', 'blockly', 'media');
  const files = () => readdirSync(dir).filter((f) => !f.endsWith('.mp3'));
  return {
    name: 'ailab-blockly-media',
    configureServer(server) {
      server.middlewares.use('/blockly-media', (req, res, next) => {
        const name = (req.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
        if (!files().includes(name)) return next();
        res.end(readFileSync(join(dir, name)));
      });
    },
    generateBundle() {
      for (const f of files()) this.emitFile({ type: 'asset', fileName: `blockly-media/${f}`, source: readFileSync(join(dir, f)) });
    },
  };
}

/** Builds the renderer (React + Blockly + three.js) into dist/renderer; the host serves it in browser mode and
 *  Electron loads it from disk. Relative base so both file:// and http:// work. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), blocklyMedia()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    target: 'es2022',
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@dimforge/rapier3d-deterministic-compat'] },
});
