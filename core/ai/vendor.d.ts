/**
 * Types for ml-cart 2 (it ships none), limited to what core/ai uses. ml-regression-simple-linear and ml-kmeans
 * bring their own.
 */
declare module 'ml-cart' {
  export interface CartOptions {
    gainFunction?: 'gini';
    splitFunction?: 'mean';
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: CartOptions);
    train(trainingSet: number[][], trainingLabels: number[]): void;
    predict(toPredict: number[][]): number[];
    toJSON(): unknown;
    static load(model: unknown): DecisionTreeClassifier;
  }
}

/**
 * papaparse 5: only the string parse/unparse calls core/ai uses (its @types package pulls @types/node into core,
 * which must stay free of Node types).
 */
declare module 'papaparse' {
  export interface ParseError {
    readonly type: string;
    readonly code: string;
    readonly message: string;
    /** Index of the row (0-based, among parsed rows) the error is in. */
    readonly row?: number;
  }
  export interface ParseResult {
    readonly data: string[][];
    readonly errors: ParseError[];
  }
  export interface ParseConfig {
    readonly skipEmptyLines?: boolean | 'greedy';
    readonly delimiter?: string;
  }
  export interface UnparseConfig {
    readonly quotes?: boolean;
    readonly newline?: string;
  }
  export function parse(input: string, config?: ParseConfig): ParseResult;
  export function unparse(data: readonly (readonly (string | number)[])[], config?: UnparseConfig): string;
  const Papa: { parse: typeof parse; unparse: typeof unparse };
  export default Papa;
}
