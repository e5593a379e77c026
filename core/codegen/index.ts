/** core/codegen public API: IR → read-only JavaScript / Python text for the code view. */
export { toJavaScript, toJavaScriptWithMap } from './javascript';
export { toPython, toPythonWithMap } from './python';
export type { GeneratedCode } from './emit';
