/** Every unit of the course, in the order the builder writes them. */
import type { UnitSource } from '../tools/unit-source';
import { firstProgram } from './grade4/first-program';

export const UNITS: readonly UnitSource[] = [firstProgram];
