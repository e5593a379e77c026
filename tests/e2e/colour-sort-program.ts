/**
 * The colour-sorting program of the AI lab e2e test, as a Blockly workspace (what a student would build):
 *
 * 1. Learn the colours from the bins: at five spots on the table's middle line the robot looks at the red, the green
 *    and the blue bin in turn and records what its camera sees (the width of the biggest red, green and blue blob)
 *    with the bin's colour as the label: 15 samples in the dataset 颜色数据.
 * 2. Train a KNN model 颜色分类器 on them (k = 3, 20 % kept back to test it).
 * 3. For each cube: drive up to it along a planned line, look at it, ask the model what colour it is, and push it
 *    into the bin of the predicted colour. Every colour has its own push route (planned in advance for each cube);
 *    a wrong prediction pushes the cube into the wrong bin, which the test would see.
 *
 * Routes are straight drives and turns on the spot (colour-sort-route.ts); waypoints keep the robot clear of cubes
 * that have not been sorted yet. Measured headless (seed 1): every cube ends inside its bin.
 */
import { behind, face, goTo, push, type Move, type Pose } from './colour-sort-route';

export const DATASET = '颜色数据';
export const MODEL = '颜色分类器';
/** Labels the program records: the bins' colours in Chinese, as a class would name them. */
export const LABELS = { red: '红', green: '绿', blue: '蓝' } as const;
type Colour = keyof typeof LABELS;
const COLOURS: readonly Colour[] = ['red', 'green', 'blue'];

/** Bin zones of the sorting table (x from–to, z from–to), metres. */
export const BINS: Readonly<Record<Colour, { x: [number, number]; z: [number, number] }>> = {
  red: { x: [0.2, 0.6], z: [0.05, 0.35] },
  green: { x: [0.8, 1.2], z: [0.05, 0.35] },
  blue: { x: [1.4, 1.8], z: [0.05, 0.35] },
};
const BIN_CENTRE: Readonly<Record<Colour, [number, number]>> = { red: [0.4, 0.22], green: [1.0, 0.22], blue: [1.6, 0.22] };

/** How far in front of a cube the robot stops to look at it, metres (the cube then fills the camera's view). */
const LOOK_GAP_M = 0.05;
const BACK_OFF_CM = 25;

interface CubeStep {
  readonly id: string;
  readonly at: readonly [number, number];
  /** Waypoints before the approach, from the robot's position after the previous cube. */
  readonly via: readonly (readonly [number, number])[];
  /** Where to push the cube for each colour (the cube's own colour gets a spot planned clear of the others). */
  readonly target: Readonly<Record<Colour, readonly [number, number]>>;
  /** The colour whose line the robot looks along (the one whose push starts from the look point). */
  readonly line: Colour;
  /** Distance behind the cube at which the robot turns onto the line, metres (far enough not to touch it). */
  readonly gapM: number;
  /** Waypoints after the push, back to open floor. */
  readonly after: readonly (readonly [number, number])[];
}

const at = (colour: Colour, spot?: readonly [number, number]) => ({ ...BIN_CENTRE, [colour]: spot ?? BIN_CENTRE[colour] }) as Record<Colour, readonly [number, number]>;

/** The cubes in the order they are sorted, with the routes measured to work (see the file comment). */
export const CUBES: readonly CubeStep[] = [
  { id: 'cube-red-1', at: [0.5, 0.8], via: [[0.5, 1.3]], line: 'red', target: at('red', [0.42, 0.2]), gapM: 0.3, after: [[0.5, 1.3]] },
  { id: 'cube-green-1', at: [0.8, 0.8], via: [[0.7, 1.3]], line: 'green', target: at('green', [0.88, 0.2]), gapM: 0.45, after: [[0.9, 1.3]] },
  { id: 'cube-green-2', at: [0.65, 1.0], via: [[0.55, 1.3]], line: 'green', target: at('green', [1.05, 0.25]), gapM: 0.25, after: [[0.9, 1.3]] },
  { id: 'cube-blue-1', at: [1.2, 0.8], via: [], line: 'blue', target: at('blue', [1.68, 0.22]), gapM: 0.45, after: [[1.0, 0.6], [1.7, 0.6]] },
  { id: 'cube-red-2', at: [1.5, 0.8], via: [[1.75, 1.3]], line: 'red', target: at('red', [0.5, 0.25]), gapM: 0.25, after: [[1.3, 1.3]] },
  { id: 'cube-blue-2', at: [1.35, 1.0], via: [], line: 'blue', target: at('blue', [1.5, 0.25]), gapM: 0.25, after: [] },
];

type Block = Record<string, unknown>;
const num = (n: number) => ({ shadow: { type: 'math_number', fields: { NUM: n } } });
const text = (t: string): Block => ({ type: 'text', fields: { TEXT: t } });
const blobSize = (c: Colour): Block => ({ type: 'robot_camera_blob_size', fields: { COLOUR: c } });
const features = (): Block => ({ type: 'ai_features', inputs: { A: { block: blobSize('red') }, B: { block: blobSize('green') }, C: { block: blobSize('blue') } } });
const COLOUR_VAR = { name: '颜色', id: 'var-colour' };

function moveBlock(m: Move): Block {
  return m.kind === 'turn'
    ? { type: 'robot_turn_deg', fields: { DIR: m.deg >= 0 ? 'right' : 'left' }, inputs: { DEG: num(Math.abs(m.deg)), SPEED: num(50) } }
    : { type: 'robot_drive_cm', fields: { DIR: m.cm >= 0 ? 'forward' : 'back' }, inputs: { CM: num(Math.abs(m.cm)), SPEED: num(60) } };
}

/** Blocks in order → one chain (`next` links). */
function chain(blocks: readonly Block[]): Block | undefined {
  let next: Block | undefined;
  for (let i = blocks.length - 1; i >= 0; i--) next = next ? { ...blocks[i], next: { block: next } } : { ...blocks[i] };
  return next;
}

const stack = (blocks: readonly Block[]) => {
  const first = chain(blocks);
  return first ? { block: first } : undefined;
};

/** Moves through `points`, then turns to face north, so every branch leaves the robot in the same pose. */
function settle(pose: Pose, points: readonly (readonly [number, number])[]): Move[] {
  return [...points.flatMap(([x, z]) => goTo(pose, x, z)), ...face(pose, 0)];
}

/**
 * The workspace. `taught` names the label the robot is taught for each bin (default: the bin's own colour); tests
 * teach it wrongly on purpose to show the sorting follows the model's answers.
 */
export function colourSortWorkspace(taught: Readonly<Record<Colour, string>> = LABELS): { blocks: { languageVersion: 0; blocks: Block[] }; variables: { name: string; id: string }[] } {
  const pose: Pose = { x: 1.0, z: 1.3, headingDeg: 0 };
  const body: Block[] = [];
  const moves = (ms: Move[]) => body.push(...ms.map(moveBlock));

  // 1. Learn the colours from the bins, looking from five spots up the middle line.
  body.push({ type: 'ai_dataset_clear', fields: { DATASET } });
  for (const z of [0.7, 0.65, 0.6, 0.55, 0.5]) {
    moves(goTo(pose, 1.0, z));
    for (const c of COLOURS) {
      const [bx, bz] = BIN_CENTRE[c];
      moves(face(pose, (Math.atan2(bx - pose.x, -(bz - pose.z)) * 180) / Math.PI));
      body.push({ type: 'ai_record', fields: { DATASET }, inputs: { FEATURES: { block: features() }, LABEL: { block: text(taught[c]) } } });
    }
  }
  // 2. Train.
  body.push({ type: 'ai_train_knn', fields: { MODEL, DATASET }, inputs: { K: num(3), TEST: num(20) } });
  moves(settle(pose, [[1.0, 1.3]]));

  // 3. Sort.
  for (const cube of CUBES) {
    moves(cube.via.flatMap(([x, z]) => goTo(pose, x, z)));
    const [cx, cz] = cube.at;
    const [lx, lz] = cube.target[cube.line];
    const start = behind(cx, cz, lx, lz, cube.gapM);
    moves([...goTo(pose, start.x, start.z), ...face(pose, start.headingDeg)]);
    const lookCm = Math.round((cube.gapM - LOOK_GAP_M) * 1000) / 10;
    moves([{ kind: 'drive', cm: lookCm }]);
    const look = { ...pose, x: pose.x + Math.sin((pose.headingDeg * Math.PI) / 180) * (lookCm / 100), z: pose.z - Math.cos((pose.headingDeg * Math.PI) / 180) * (lookCm / 100) };
    body.push({ type: 'variables_set', fields: { VAR: { id: COLOUR_VAR.id } }, inputs: { VALUE: { block: { type: 'ai_predict', fields: { MODEL }, inputs: { FEATURES: { block: features() } } } } } });

    const branches = COLOURS.map((c) => {
      const p: Pose = { ...look };
      const [tx, tz] = cube.target[c];
      const ms: Move[] = [];
      if (c === cube.line) {
        // Already on this colour's line: push straight on from the look point.
        const travel = Math.hypot(tx - cx, tz - cz) + LOOK_GAP_M;
        ms.push({ kind: 'drive', cm: Math.round(travel * 1000) / 10 }, { kind: 'drive', cm: -BACK_OFF_CM });
        const h = (p.headingDeg * Math.PI) / 180;
        p.x += Math.sin(h) * (travel - BACK_OFF_CM / 100);
        p.z -= Math.cos(h) * (travel - BACK_OFF_CM / 100);
      } else {
        // Back off to where the robot turned, then push along this colour's own line.
        ms.push({ kind: 'drive', cm: -lookCm });
        p.x = start.x;
        p.z = start.z;
        ms.push(...push(p, cx, cz, tx, tz, cube.gapM, BACK_OFF_CM));
      }
      ms.push(...settle(p, cube.after.length > 0 ? cube.after : [[p.x, p.z]]));
      return { colour: c, moves: ms, end: p };
    });
    body.push({
      type: 'controls_if',
      extraState: { elseIfCount: branches.length - 1 },
      inputs: Object.fromEntries(branches.flatMap((b, i) => {
        const cond = { type: 'logic_compare', fields: { OP: 'EQ' }, inputs: { A: { block: { type: 'variables_get', fields: { VAR: { id: COLOUR_VAR.id } } } }, B: { block: text(LABELS[b.colour]) } } };
        const doStack = stack(b.moves.map(moveBlock));
        return [[`IF${i}`, { block: cond }], ...(doStack ? [[`DO${i}`, doStack]] : [])];
      })),
    });
    // All branches end at the same spot facing north (`settle`); continue planning from the correct branch's end.
    const end = branches.find((b) => b.colour === cube.line)!.end;
    pose.x = end.x;
    pose.z = end.z;
    pose.headingDeg = end.headingDeg;
  }

  return {
    blocks: { languageVersion: 0, blocks: [{ type: 'event_when_started', id: 'start', x: 20, y: 20, next: stack(body) }] },
    variables: [COLOUR_VAR],
  };
}
