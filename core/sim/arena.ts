/**
 * Arenas are data. Units: metres, x to the right, z towards the viewer, y up (three.js convention); the floor is
 * y = 0 and the arena spans x ∈ [0, width], z ∈ [0, depth]. Angles in degrees, clockwise seen from above,
 * 0 = facing −z ("north"). The same data feeds the physics world (core/sim) and the 3D stage (renderer).
 */
import type { ObjectClass } from '../device/camera';
import type { ColourName } from '../device/robot';
import type { TargetKit } from '../program/ir';

export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface Pose2D {
  readonly x: number;
  readonly z: number;
  readonly headingDeg: number;
}

/** Axis-aligned box wall, centre (x, z), size (w along x, d along z), height h. */
export interface Wall {
  readonly x: number;
  readonly z: number;
  readonly w: number;
  readonly d: number;
  readonly h: number;
}

/** A dark tape line on the floor: a polyline of points, `width` metres wide, optionally closed. */
export interface FloorLine {
  readonly points: readonly (readonly [number, number])[];
  readonly width: number;
  readonly closed: boolean;
}

/** A coloured floor patch (start, goal, sorting bins). Lesson checks name zones by id. */
export interface Zone {
  readonly id: string;
  readonly x: number;
  readonly z: number;
  readonly w: number;
  readonly d: number;
  readonly colour: ColourName;
  readonly label?: LocalizedText;
}

/** A movable coloured cube (sorting table) or a fixed obstacle. */
export interface Prop {
  readonly id: string;
  readonly shape: 'cube' | 'cylinder';
  readonly x: number;
  readonly z: number;
  readonly size: number;
  readonly colour: ColourName;
  readonly movable: boolean;
  /** Id (1–255) of the tag printed on its sides, which the AI camera's tag recognition reads. */
  readonly tag?: number;
  /** What the prop is a figure of, for the AI camera's object recognition (a cat figure, a toy car …). */
  readonly objectClass?: ObjectClass;
}

/** A ring the drone flies through: centre, inner radius, facing (yaw in degrees). */
export interface Ring {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly radius: number;
  readonly headingDeg: number;
}

/** A lamp standing on the floor (light-seeking lessons): the robot's light sensor reads it (core/sim/lamps.ts). */
export interface Lamp {
  readonly id: string;
  readonly x: number;
  readonly z: number;
  /** What the sensor adds when facing the lamp from right beside it, percent. */
  readonly intensityPercent: number;
}

export interface Arena {
  readonly id: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  /** Kits this arena suits (the picker shows these first). */
  readonly kits: readonly TargetKit[];
  readonly width: number;
  readonly depth: number;
  readonly floorColour: ColourName;
  /** Ambient light 0–100 % (light sensors read this, shaded near walls). */
  readonly lightPercent: number;
  readonly walls: readonly Wall[];
  readonly lines: readonly FloorLine[];
  readonly zones: readonly Zone[];
  readonly props: readonly Prop[];
  readonly rings: readonly Ring[];
  readonly start: Pose2D;
  /**
   * Extra start poses for the 2nd, 3rd … robot or drone of a multi-robot run (competitions, `sim.rtf.4_robots`).
   * Robot i uses `starts[i - 1]`; when absent the simulator places robots side by side to the right of `start`.
   */
  readonly starts?: readonly Pose2D[];
  /** Lamps the robot's light sensor sees (none by default: ambient light only). */
  readonly lights?: readonly Lamp[];
}
