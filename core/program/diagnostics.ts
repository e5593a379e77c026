/**
 * Diagnostics from turning a Blockly workspace into IR. They never stop the conversion: the editor shows each on
 * the block it names (`blockId`), in the current language. Messages live in core/i18n/blocks.strings.ts under
 * `AILAB_DIAG_<CODE>`.
 */
import { translateBoth } from '../i18n';

export type DiagnosticCode =
  /** The workspace JSON is not an object of Blockly's serialisation shape. */
  | 'badWorkspace'
  /** A block type fromBlockly does not know (skipped). */
  | 'unknownBlock'
  /** A top-level block that is neither an event hat nor a procedure definition (it never runs). */
  | 'notConnected'
  /** An empty input; a safe default (0, '', false) is used instead. */
  | 'missingInput'
  /** A field value of the wrong type or out of range; a safe default is used instead. */
  | 'badField'
  /** Blocks nested deeper than MAX_NESTING (the deeper part is dropped). */
  | 'tooDeep'
  /** More blocks than MAX_BLOCKS (the rest is dropped). */
  | 'tooManyBlocks'
  /** A block of another kit (e.g. a drone block in a robot project); it raises a runtime error if it runs. */
  | 'wrongKit'
  /** A variable id not declared in the workspace's variable list. */
  | 'unknownVariable'
  /** A call of a procedure that is not defined. */
  | 'unknownProcedure'
  /** Two procedure definitions with the same name (the second is ignored). */
  | 'duplicateProcedure'
  /** A list block that changes a list must name a list variable. */
  | 'listNotVariable'
  /** A `return` block outside a procedure that returns a value. */
  | 'returnOutsideProcedure'
  /** `break` / `continue` outside a loop (dropped). */
  | 'flowOutsideLoop'
  /** An AI block whose dataset or model name is empty (it would fail when it runs). */
  | 'aiEmptyName';

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  /** Block the diagnostic is about ('' when it concerns the whole workspace). */
  readonly blockId: string;
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: { readonly 'zh-CN': string; readonly en: string };
}

const SEVERITY: Record<DiagnosticCode, DiagnosticSeverity> = {
  badWorkspace: 'error',
  unknownBlock: 'error',
  notConnected: 'warning',
  missingInput: 'warning',
  badField: 'warning',
  tooDeep: 'error',
  tooManyBlocks: 'error',
  wrongKit: 'error',
  unknownVariable: 'warning',
  unknownProcedure: 'error',
  duplicateProcedure: 'error',
  listNotVariable: 'error',
  returnOutsideProcedure: 'warning',
  flowOutsideLoop: 'warning',
  aiEmptyName: 'warning',
};

/** i18n key of a diagnostic code, e.g. 'unknownBlock' → 'AILAB_DIAG_UNKNOWN_BLOCK'. */
export function diagnosticMessageKey(code: DiagnosticCode): string {
  return `AILAB_DIAG_${code.replace(/([A-Z])/g, '_$1').toUpperCase()}`;
}

export function makeDiagnostic(code: DiagnosticCode, blockId: string, params: Record<string, string | number> = {}): Diagnostic {
  return { blockId, code, severity: SEVERITY[code], params, message: translateBoth('blocks', diagnosticMessageKey(code), params) };
}

export const DIAGNOSTIC_CODES = Object.keys(SEVERITY) as DiagnosticCode[];
