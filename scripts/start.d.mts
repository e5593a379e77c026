/** Types of scripts/start.mjs (for its test). */
export declare function detectElectron(requireFn?: (id: string) => unknown): { binary: string; reason?: undefined } | { reason: string; binary?: undefined };
export declare function newestMtime(paths: readonly string[]): number;
export declare function isStale(outputs: readonly string[], inputs: readonly string[]): boolean;
