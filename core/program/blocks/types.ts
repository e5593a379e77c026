/**
 * A custom block as data: its Blockly JSON definition, the kits it belongs to, the toolbox shadows it comes with and
 * its IR mapping. Pure data (no Blockly import): the editor registers `json` once
 * (`Blockly.common.defineBlocksWithJsonArray`), fromBlockly reads `ir`, toolboxFor reads `category`/`kits`/`shadows`.
 */
import type { TargetKit } from '../ir';

export type CategoryId =
  | 'events' | 'motion' | 'sensing' | 'looks' | 'control' | 'operators'
  | 'variables' | 'lists' | 'procedures' | 'drone' | 'sensorkit' | 'ai';

/** Blockly JSON block definition (`message0` uses `%{BKY_...}` references so the language can switch). */
export type BlockJson = Readonly<Record<string, unknown>> & { readonly type: string; readonly message0: string };

/** Value type of an input: decides its safe default when empty (0, '', false, '#000000'). */
export type ValueType = 'number' | 'string' | 'boolean' | 'colour';

/** Where one IR argument comes from. */
export type ArgSource =
  /** A value input; negated (`neg`) when field `negateWhen.field` equals `negateWhen.equals` (e.g. drive back). */
  | {
    readonly input: string;
    readonly type: ValueType;
    readonly negateWhen?: { readonly field: string; readonly equals: string };
    /** Left out of the IR args when the input is empty (no default, no warning); only in `ai` mappings. */
    readonly optional?: boolean;
  }
  /** A field value as a literal. */
  | { readonly field: string; readonly as: 'number' | 'string' }
  /** A constant. */
  | { readonly value: number | string };

/** IR op per kit, when the same block drives a different device in each kit (e.g. the LED). */
export type OpByKit = string | Readonly<Partial<Record<TargetKit, string>>>;

export type IrMapping =
  | { readonly kind: 'hat'; readonly trigger: 'start' }
  | { readonly kind: 'hat'; readonly trigger: 'button' | 'message' | 'obstacle'; readonly field: string }
  /** Statement `command` (op from core/device/ops.ts COMMANDS or CLOCK_COMMANDS). */
  | { readonly kind: 'command'; readonly op: OpByKit; readonly args: readonly ArgSource[] }
  /** Expression `read` (sensor from READINGS or CLOCK_READINGS). */
  | { readonly kind: 'read'; readonly sensor: string; readonly args: readonly ArgSource[] }
  /** Boolean `read(sensor) == field value` (e.g. "colour under robot is red"). */
  | { readonly kind: 'readEquals'; readonly sensor: string; readonly field: string }
  /** Colour literal from a dropdown field of `#rrggbb` values. */
  | { readonly kind: 'colour'; readonly field: string }
  | { readonly kind: 'wait'; readonly seconds: ArgSource }
  | { readonly kind: 'waitUntil'; readonly input: string }
  | { readonly kind: 'forever'; readonly statements: string }
  | { readonly kind: 'stopAll' }
  | { readonly kind: 'broadcast'; readonly message: ArgSource }
  /**
   * AI lab op (core/ai/ops.ts AI_OPS): an `ai` expression for reporter blocks, an `ai` statement for command blocks.
   * Optional inputs (`optional: true`) that are empty are left out of `args`.
   */
  | { readonly kind: 'ai'; readonly op: string; readonly args: readonly ArgSource[] };

/** A shadow block placed in an input in the toolbox (Blockly toolbox JSON shape). */
export interface ShadowJson {
  readonly type: string;
  readonly fields: Readonly<Record<string, string | number>>;
}

export interface BlockSpec {
  readonly type: string;
  readonly category: CategoryId;
  /** Kits whose toolbox shows the block. A block of another kit still converts, with a `wrongKit` diagnostic. */
  readonly kits: readonly TargetKit[];
  readonly json: BlockJson;
  readonly ir: IrMapping;
  /** Shadow blocks with defaults for the toolbox, by input name. */
  readonly shadows?: Readonly<Record<string, ShadowJson>>;
}

export const ALL_KITS: readonly TargetKit[] = ['robot', 'drone', 'sensorkit'];

export const numberShadow = (n: number): ShadowJson => ({ type: 'math_number', fields: { NUM: n } });
export const textShadow = (t: string): ShadowJson => ({ type: 'text', fields: { TEXT: t } });

/** `[label, value]` dropdown options whose labels are message references `%{BKY_<prefix><VALUE>}`. */
export function options(prefix: string, values: readonly string[]): [string, string][] {
  return values.map((v) => [`%{BKY_${prefix}${v.toUpperCase()}}`, v]);
}

/** Our own toolbox categories (the rest use Blockly's standard category styles). */
export type CustomCategoryId = 'events' | 'motion' | 'sensing' | 'looks' | 'drone' | 'sensorkit' | 'ai';

/**
 * Blockly style names of one of our categories, shared by core (block JSON `style`, toolbox `categorystyle`) and
 * the renderer (which defines these names in every theme it offers). `colour` is the classic-theme primary colour
 * (hex); other themes choose their own colours for the same names.
 */
export interface CategoryStyle {
  /** Block style of the category's statement and reporter blocks. */
  readonly blockStyle: string;
  /** Toolbox category style. */
  readonly categoryStyle: string;
  /** Classic theme primary colour, `#rrggbb`. */
  readonly colour: string;
}

/** Style names (and classic colours) of our categories. Names are `ailab_*` so they never clash with Blockly's. */
export const CATEGORY_STYLES: Readonly<Record<CustomCategoryId, CategoryStyle>> = {
  events: { blockStyle: 'ailab_event_blocks', categoryStyle: 'ailab_event_category', colour: '#FFBF00' },
  motion: { blockStyle: 'ailab_motion_blocks', categoryStyle: 'ailab_motion_category', colour: '#4C97FF' },
  sensing: { blockStyle: 'ailab_sensing_blocks', categoryStyle: 'ailab_sensing_category', colour: '#2CA5E2' },
  looks: { blockStyle: 'ailab_looks_blocks', categoryStyle: 'ailab_looks_category', colour: '#9966FF' },
  drone: { blockStyle: 'ailab_drone_blocks', categoryStyle: 'ailab_drone_category', colour: '#0FBD8C' },
  sensorkit: { blockStyle: 'ailab_sensorkit_blocks', categoryStyle: 'ailab_sensorkit_category', colour: '#FF6680' },
  ai: { blockStyle: 'ailab_ai_blocks', categoryStyle: 'ailab_ai_category', colour: '#00A08A' },
};

/**
 * Block style of our event hats (when started, when button…): the events colours plus `hat: 'cap'`, so a script's
 * starting block has the rounded hat top in every theme.
 */
export const HAT_BLOCK_STYLE = 'ailab_event_hat_blocks';

/** Classic colours by category (kept for callers that only need the hex; derived from CATEGORY_STYLES). */
export const CATEGORY_COLOURS: Readonly<Record<CustomCategoryId, string>> = Object.fromEntries(
  Object.entries(CATEGORY_STYLES).map(([id, s]) => [id, s.colour]),
) as Record<CustomCategoryId, string>;
