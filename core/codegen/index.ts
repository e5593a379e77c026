/** core/codegen public API: IR → read-only JavaScript / Python text for the code view. */
export { toJavaScript } from './javascript';
export { toPython } from './python';
