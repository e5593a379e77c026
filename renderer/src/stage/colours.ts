/**
 * Display colours of the arena's colour names (floor, zones, props). Chosen to read well on a projector and to be
 * told apart by the colour sensor's names; the sim never reads these.
 */
import type { ColourName } from '../../../core/device/robot';

export const COLOUR_HEX: Readonly<Record<ColourName, number>> = {
  red: 0xe53935,
  green: 0x43a047,
  blue: 0x1e88e5,
  yellow: 0xfdd835,
  black: 0x202124,
  white: 0xf4f4f0,
  none: 0xcfd8dc,
};

/** A `#rrggbb` string (LED colour) as a number; black for anything else. */
export function parseHexColour(colour: string): number {
  return /^#[0-9a-fA-F]{6}$/.test(colour) ? Number.parseInt(colour.slice(1), 16) : 0x000000;
}

export function colourHex(name: string): number {
  return (COLOUR_HEX as Record<string, number>)[name] ?? COLOUR_HEX.none;
}
