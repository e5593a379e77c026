/** Types of scripts/build-electron.mjs (for the packaging test and other TypeScript callers). */
export declare const ROOT: string;
export declare const OUT_DIR: string;
/** Builds dist-electron/main.cjs and preload.cjs (or into `outDir`). */
export declare function buildElectron(options?: { outDir?: string }): Promise<void>;
/** Fails when the preload bundle requires anything but 'electron'. */
export declare function checkPreloadRequires(file: string): Promise<void>;
