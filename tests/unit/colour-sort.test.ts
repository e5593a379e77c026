/**
 * The AI lab e2e program (tests/e2e/colour-sort-program.ts) run headless, fast: taught the bins' true colours, the
 * robot sorts all six cubes into their bins; taught with red and green swapped, the same program pushes the red
 * cubes into the green bin and the green ones into the red bin. So the sorting really follows the model's answers
 * (a route that ignored the prediction would pass the first case and fail the second), and a change to the arena,
 * camera or physics that breaks the routes shows up here first, with the cube positions in the message.
 */
import { describe, expect, it } from 'vitest';
import { fromBlockly } from '../../core/program';
import { runHeadless } from '../../core/sim/headless';
import { BINS, colourSortWorkspace, LABELS } from '../e2e/colour-sort-program';

type Colour = keyof typeof BINS;

async function binsReached(taught: Record<Colour, string>): Promise<Record<string, Colour | null>> {
  const { program, diagnostics } = fromBlockly(colourSortWorkspace(taught), 'robot');
  expect(diagnostics).toEqual([]);
  const run = await runHeadless({ program, arenaId: 'sorting-table', seed: 1, seconds: 150 });
  expect(run.events.filter((e) => e.type === 'error')).toEqual([]);
  expect(run.stopReason).toBe('finished');
  const out: Record<string, Colour | null> = {};
  for (const p of run.props.filter((q) => q.id.startsWith('cube-'))) {
    const bin = (Object.keys(BINS) as Colour[]).find((c) => p.x > BINS[c].x[0] && p.x < BINS[c].x[1] && p.z > BINS[c].z[0] && p.z < BINS[c].z[1]);
    out[p.id] = bin ?? null;
  }
  return out;
}

describe('colour-sorting program', () => {
  it('taught the right colours, every cube ends in the bin of its colour', async () => {
    expect(await binsReached(LABELS)).toEqual({
      'cube-red-1': 'red', 'cube-green-1': 'green', 'cube-blue-1': 'blue', 'cube-red-2': 'red', 'cube-green-2': 'green', 'cube-blue-2': 'blue',
    });
  });

  it('taught red and green the wrong way round, it sorts red cubes as green and green cubes as red', async () => {
    const reached = await binsReached({ red: LABELS.green, green: LABELS.red, blue: LABELS.blue });
    expect(reached['cube-red-1']).toBe('green');
    expect(reached['cube-red-2']).toBe('green');
    expect(reached['cube-green-1']).toBe('red');
    // The second green cube's route to the red bin was never planned to be clear, so it is only known not to be sorted.
    expect(reached['cube-green-2']).not.toBe('green');
  });
});
