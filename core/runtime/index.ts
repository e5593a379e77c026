/**
 * core/runtime public API: the interpreter, its event and option types, the seeded PRNG, and the builtin tables
 * (for tools that list what programs can call). Test doubles live in ./testing (not re-exported here).
 */
export { Interpreter, errorInfo } from './interpreter';
export { createRandom } from './random';
export { BUILTINS, LIST_OPS } from './builtins';
export type { Builtin, BuiltinContext, ListOp } from './builtins';
export { RuntimeFault } from './values';
export type * from './types';
