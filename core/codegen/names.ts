/**
 * Identifiers for the code view. Block programs may name variables anything ("速度", "my score", "if"); the code
 * view shows a valid identifier for each, keeping letters of any script (Chinese names stay Chinese: both JS and
 * Python accept them) and replacing the rest with `_`. Distinct names always get distinct identifiers.
 */
export class Names {
  private readonly byName = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(private readonly reserved: ReadonlySet<string>) {}

  /**
   * The identifier for `name` (stable: the same name always gives the same identifier). `kind` keeps a variable
   * and a procedure of the same name apart (Blockly allows both).
   */
  get(name: string, kind: 'variable' | 'procedure' = 'variable'): string {
    const key = `${kind}:${name}`;
    const known = this.byName.get(key);
    if (known !== undefined) return known;
    let base = name.trim().replace(/[^\p{L}\p{N}_]+/gu, '_');
    if (base === '' || /^\p{N}/u.test(base)) base = `_${base}`;
    if (this.reserved.has(base)) base = `${base}_`;
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}${i}`;
    this.used.add(id);
    this.byName.set(key, id);
    return id;
  }

  /** Marks an identifier taken (helper and device names) so no user name maps onto it. */
  reserve(id: string) {
    this.used.add(id);
  }
}

export const JS_RESERVED: ReadonlySet<string> = new Set(
  ('break case catch class const continue debugger default delete do else export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'enum await implements package protected interface private public async of undefined NaN Infinity arguments eval')
    .split(' '),
);

export const PY_RESERVED: ReadonlySet<string> = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield print len range str int float list ' +
    'min max sum abs round math random')
    .split(' '),
);

/** 'distanceCm' → 'distance_cm', 'timerS' → 'timer_s'. */
export function snakeCase(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
