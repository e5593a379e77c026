/**
 * Every built-in arena, as data. The arena picker, the CLI (`ailab arenas`), lesson units and the simulator read
 * this one list.
 */
import type { Arena } from '../arena';
import { droneRings } from './drone-rings';
import { grid5x5 } from './grid-5x5';
import { lightRoom } from './light-room';
import { lineRace } from './line-race';
import { lineTrack } from './line-track';
import { maze } from './maze';
import { obstacleCourse } from './obstacle-course';
import { openFloor } from './open-floor';
import { sortingTable } from './sorting-table';

export const ARENAS: readonly Arena[] = [openFloor, lineTrack, maze, obstacleCourse, sortingTable, droneRings, grid5x5, lightRoom, lineRace];

/** The arena with this id, or undefined. */
export function arenaById(id: string): Arena | undefined {
  return ARENAS.find((a) => a.id === id);
}
