/**
 * Preload (sandboxed, context-isolated): exposes `window.lab` (see lab-api.ts) and nothing else. Bundled by
 * scripts/build-electron.mjs into dist-electron/preload.cjs; at run time it requires only 'electron'. The method and
 * event names come from main through argv (shared/bridge.ts) because the contract's zod schemas cannot load here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { readBridgeManifest } from '../shared/bridge';
import { createLabApi } from './lab-api';

const manifest = readBridgeManifest(process.argv);
if (manifest.methods.length === 0) console.error('[Preload] main passed no host methods; window.lab will be empty');
contextBridge.exposeInMainWorld('lab', createLabApi(ipcRenderer, manifest));
