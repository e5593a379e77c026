/**
 * Checking units on disk (`ailab check`, the curricula test): read a unit folder, validate `unit.json` and every file
 * it names, then for each lesson run the reference solution and the starter through the lesson's checks. A unit is
 * good when nothing is wrong with its files, every solution passes every check, and every starter fails at least one
 * (the starter is the half-built program a child begins with: if it already passes, the lesson teaches nothing).
 */
import { promises as fs } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Project } from '../../core/contracts/project';
import { translateBoth } from '../../core/i18n';
import { parseUnitText, unitFileRefs, UNIT_FILE, UNIT_JSON_MAX_BYTES, type UnitProblem } from '../../core/lessons/load';
import { runLessonChecks, type LessonRun } from '../../core/lessons/run-lesson';
import type { Localized, Unit } from '../../core/lessons/unit-schema';
import { HostException } from './host-error';
import { readCapped, readProjectFile } from './project-file';

export interface LessonReport {
  readonly id: string;
  readonly title: Localized;
  readonly solution: LessonRun | null;
  readonly starter: LessonRun | null;
  readonly ok: boolean;
  readonly problems: readonly UnitProblem[];
}

export interface UnitReport {
  /** The unit folder as given (absolute). */
  readonly dir: string;
  readonly unitId: string | null;
  readonly title: Localized | null;
  readonly ok: boolean;
  /** Problems with the unit's files (schema, missing files, unreadable projects); lesson verdicts are in `lessons`. */
  readonly problems: readonly UnitProblem[];
  readonly lessons: readonly LessonReport[];
}

export interface LoadedUnit {
  readonly dir: string;
  readonly unit: Unit | null;
  readonly problems: readonly UnitProblem[];
}

const both = (key: string, params: Record<string, string | number> = {}) => translateBoth('lessons', key, params);
const hostMessage = (err: unknown): Localized =>
  err instanceof HostException ? translateBoth('host', `error.${err.code}`, err.params) : both('load.readFailed', { detail: err instanceof Error ? err.message : String(err) });

/** Markdown images `![alt](path)`; data: URIs and paths outside the unit are refused (images live in assets/). */
const MD_IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
/** Markdown files above this are refused (a step is a few hundred words). */
export const UNIT_TEXT_MAX_BYTES = 256 * 1024;

/** Reads and validates one unit folder: unit.json, every file it names, the images its Markdown shows. */
export async function loadUnitDir(dirInput: string): Promise<LoadedUnit> {
  const dir = resolve(dirInput);
  let text: string;
  try {
    text = await readCapped(join(dir, UNIT_FILE), UNIT_FILE, UNIT_JSON_MAX_BYTES);
  } catch (err) {
    return { dir, unit: null, problems: [{ file: UNIT_FILE, path: '', message: hostMessage(err) }] };
  }
  const parsed = parseUnitText(text);
  if (!parsed.ok && !parsed.unit) return { dir, unit: null, problems: parsed.problems };
  const unit = parsed.unit!;
  const problems: UnitProblem[] = parsed.ok ? [] : [...parsed.problems];
  const seen = new Set<string>();
  for (const ref of unitFileRefs(unit)) {
    if (seen.has(ref.file)) continue;
    seen.add(ref.file);
    const full = join(dir, ref.file);
    if (!(await isFile(full))) {
      problems.push({ file: UNIT_FILE, path: ref.path, message: both('load.fileMissing', { file: ref.file }) });
      continue;
    }
    if (ref.file.endsWith('.md')) problems.push(...(await checkMarkdown(dir, ref.file)));
  }
  return { dir, unit, problems };
}

async function checkMarkdown(dir: string, file: string): Promise<UnitProblem[]> {
  let text: string;
  try {
    text = await readCapped(join(dir, file), file, UNIT_TEXT_MAX_BYTES);
  } catch (err) {
    return [{ file, path: '', message: hostMessage(err) }];
  }
  const problems: UnitProblem[] = [];
  const mdDir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  for (const m of text.matchAll(MD_IMAGE)) {
    const src = m[1];
    if (/^(data|https?|file):/i.test(src)) {
      problems.push({ file, path: src.slice(0, 60), message: both('load.embeddedImage') });
      continue;
    }
    const target = resolve(dir, mdDir, src);
    const inside = relative(dir, target);
    if (inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside)) {
      problems.push({ file, path: src, message: both('load.imageOutside', { src }) });
      continue;
    }
    if (!(await isFile(target))) problems.push({ file, path: src, message: both('load.imageMissing', { src }) });
  }
  return problems;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readLessonProject(dir: string, file: string, unit: Unit, path: string, problems: UnitProblem[]): Promise<Project | null> {
  let project: Project;
  try {
    project = await readProjectFile(join(dir, file), file);
  } catch (err) {
    problems.push({ file, path: '', message: hostMessage(err) });
    return null;
  }
  if (project.target !== unit.target.kit) {
    problems.push({ file, path: 'target', message: both('load.targetMismatch', { file, target: project.target, kit: unit.target.kit, field: path }) });
    return null;
  }
  return project;
}

/** Loads a unit and judges every lesson's solution (must pass) and starter (must fail). */
export async function checkUnitDir(dirInput: string): Promise<UnitReport> {
  const loaded = await loadUnitDir(dirInput);
  const { dir, unit } = loaded;
  if (!unit) return { dir, unitId: null, title: null, ok: false, problems: loaded.problems, lessons: [] };
  const lessons: LessonReport[] = [];
  for (const [li, lesson] of unit.lessons.entries()) {
    const problems: UnitProblem[] = [];
    const solutionProject = await readLessonProject(dir, lesson.solution, unit, `lessons[${li}].solution`, problems);
    const starterProject = await readLessonProject(dir, lesson.starter, unit, `lessons[${li}].starter`, problems);
    const solution = solutionProject ? await runLessonChecks(solutionProject, lesson) : null;
    const starter = starterProject ? await runLessonChecks(starterProject, lesson) : null;
    if (solution?.error) problems.push({ file: lesson.solution, path: '', message: solution.error });
    else if (solution && !solution.passed) {
      const failed = solution.results.filter((r) => !r.passed).map((r) => r.id).join(', ');
      problems.push({ file: lesson.solution, path: '', message: both('verdict.solutionFails', { checks: failed }) });
    }
    if (starter?.error) problems.push({ file: lesson.starter, path: '', message: starter.error });
    else if (starter?.passed) problems.push({ file: lesson.starter, path: '', message: both('verdict.starterPasses') });
    lessons.push({ id: lesson.id, title: lesson.title, solution, starter, ok: problems.length === 0, problems });
  }
  const ok = loaded.problems.length === 0 && lessons.every((l) => l.ok);
  return { dir, unitId: unit.id, title: unit.title, ok, problems: loaded.problems, lessons };
}

/** `root` itself when it holds a unit.json, else every folder below it (up to 3 levels) that does, sorted. */
export async function findUnitDirs(rootInput: string): Promise<string[]> {
  const root = resolve(rootInput);
  if (await isFile(join(root, UNIT_FILE))) return [root];
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules') continue;
      const sub = join(dir, e.name);
      if (await isFile(join(sub, UNIT_FILE))) found.push(sub);
      else if (depth < 3) await walk(sub, depth + 1);
    }
  };
  await walk(root, 1);
  return found.sort();
}

/**
 * Checks every unit under `root` and what only shows across units: unit ids unique, prerequisites naming units that
 * exist. An empty tree is itself a problem (a typo in the path must not look like success).
 *
 * `knownUnitsDir` (the app's bundled units): a prerequisite may also name a unit there, so checking one unit folder
 * (`ailab check curricula/grade4/obstacle-rules`, or a teacher's unit building on a bundled one) does not fail on a
 * prerequisite that simply lies outside `root`. Only the unit ids are read from it.
 */
export async function checkUnitTree(root: string, options: { readonly knownUnitsDir?: string } = {}): Promise<{ readonly units: readonly UnitReport[]; readonly problems: readonly UnitProblem[]; readonly ok: boolean }> {
  const dirs = await findUnitDirs(root);
  const units: UnitReport[] = [];
  for (const dir of dirs) units.push(await checkUnitDir(dir));
  const problems: UnitProblem[] = [];
  if (dirs.length === 0) problems.push({ file: resolve(root), path: '', message: both('load.noUnits') });
  const ids = new Map<string, string>();
  for (const u of units) {
    if (!u.unitId) continue;
    const other = ids.get(u.unitId);
    if (other) problems.push({ file: `${relative(resolve(root), u.dir) || '.'}/${UNIT_FILE}`, path: 'id', message: both('load.duplicateUnit', { id: u.unitId, other: relative(resolve(root), other) }) });
    else ids.set(u.unitId, u.dir);
  }
  const known = options.knownUnitsDir ? await unitIdsIn(options.knownUnitsDir) : new Set<string>();
  for (const dir of dirs) {
    const loaded = await loadUnitDir(dir);
    loaded.unit?.prerequisites.forEach((p, i) => {
      if (!ids.has(p) && !known.has(p)) problems.push({ file: `${relative(resolve(root), dir) || '.'}/${UNIT_FILE}`, path: `prerequisites[${i}]`, message: both('load.unknownPrerequisite', { id: p }) });
    });
  }
  return { units, problems, ok: problems.length === 0 && units.every((u) => u.ok) };
}

/** Ids of the units under `root` whose unit.json parses (a broken one is its own check's business). */
async function unitIdsIn(root: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const dir of await findUnitDirs(root)) {
    const loaded = await loadUnitDir(dir);
    if (loaded.unit) ids.add(loaded.unit.id);
  }
  return ids;
}
