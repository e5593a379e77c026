/**
 * core/program public API: block definitions as data, the toolbox per kit, Blockly JSON → IR, diagnostics.
 * Pure (no Blockly import): the renderer registers BLOCK_DEFINITIONS with Blockly itself.
 */
import { blocks } from '../i18n/blocks.strings';

export * from './ir';
export { BLOCK_DEFINITIONS, BLOCK_SPECS, CATEGORY_COLOURS, CATEGORY_STYLES, HAT_BLOCK_STYLE, LED_COLOURS, blockSpec } from './blocks';
export type { ArgSource, BlockJson, BlockSpec, CategoryId, CategoryStyle, CustomCategoryId, IrMapping, ShadowJson, ValueType } from './blocks';
export { toolboxFor, toolboxBlockTypes, STANDARD_TOOLBOX_TYPES, DYNAMIC_CATEGORY_TYPES } from './toolbox';
export type { Toolbox, ToolboxBlock, ToolboxCategory, ToolboxOptions } from './toolbox';
export { fromBlockly, usedBlockTypes, MAX_BLOCKS, MAX_NESTING } from './from-blockly';
export type { FromBlocklyResult } from './from-blockly';
export { DIAGNOSTIC_CODES, diagnosticMessageKey, makeDiagnostic } from './diagnostics';
export type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from './diagnostics';
export { BUILTINS, LIST_OPS, isBuiltinName } from './builtins';
export type { BuiltinName, ListOpName, Where } from './builtins';

/**
 * Blockly Msg entries of our blocks, zh-CN and en (the `blocks` i18n namespace). Merge the one for the current
 * language into `Blockly.Msg` after Blockly's own locale (blockly/msg/zh-hans or en).
 */
export const BLOCK_MESSAGES = blocks;
