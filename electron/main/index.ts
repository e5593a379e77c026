/**
 * Entry of the Electron main bundle (dist-electron/main.cjs, built by scripts/build-electron.mjs). Composition only:
 * paths and the host's service factory go into startMain (main.ts).
 */
import { app } from 'electron';
import { join } from 'node:path';
import { APP_FOLDER_NAME } from '../../host/services/data-dir';
import { createHostServices } from '../../host/services';
import { startMain } from './main';

// Same rule as the host's defaultDataDir, but Electron knows the real Documents folder (also when Windows redirects it).
const dataDir = process.env.AILAB_HOME?.trim() || join(app.getPath('documents'), APP_FOLDER_NAME);

startMain({ appRoot: app.getAppPath(), dataDir, createServices: createHostServices });
