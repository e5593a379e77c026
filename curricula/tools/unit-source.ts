/**
 * A unit written as code: the text of every step and of the teacher notes (Markdown, zh-CN first), the checks, and the
 * starter / reference-solution projects built with `Blocks`. `unitFiles` turns it into the folder the app reads
 * (unit.json validated against core/lessons/unit-schema.ts, Markdown files, `.ailab` projects, SVG assets).
 *
 * Build-time guards (each throws with the unit and lesson named): the unit passes the schema; every check a step
 * names exists; every toolbox block type exists for the unit's kit; the reference solution uses only blocks the
 * starter has or the lesson's steps offer (a student could not build it otherwise); the starter and solution target the unit's kit.
 */
import { z } from 'zod';
import type { Project } from '../../core/contracts/project';
import { CheckRunSchema, CheckSchema, UnitSchema, type Check, type Localized } from '../../core/lessons/unit-schema';
import { toolboxBlockTypes, usedBlockTypes, type TargetKit } from '../../core/program';

export interface StepSource {
  readonly id: string;
  readonly title: Localized;
  /** Markdown. Grade 4: two to four short sentences. Images: `![…](../../assets/x.svg)` (relative to the step file). */
  readonly text: Localized;
  readonly toolbox: 'all' | readonly string[];
  readonly checks?: readonly string[];
  readonly hints?: readonly Localized[];
}

export interface LessonSource {
  readonly id: string;
  readonly title: Localized;
  readonly run: z.input<typeof CheckRunSchema>;
  readonly steps: readonly StepSource[];
  readonly checks: readonly Check[];
  readonly reflection: Localized;
  readonly starter: Project;
  readonly solution: Project;
}

export interface UnitSource {
  readonly id: string;
  readonly grade: '4' | '7' | 'club';
  readonly order: number;
  readonly title: Localized;
  readonly summary: Localized;
  readonly classHours: number;
  readonly target: { readonly kit: TargetKit; readonly arenaId: string | null; readonly hardware: readonly string[] };
  readonly prerequisites?: readonly string[];
  readonly lessons: readonly LessonSource[];
  /** Markdown: goal, timing, common mistakes, hardware variant. */
  readonly teacherNotes: Localized;
  /** Small SVGs drawn for this unit, written to `assets/<name>`. */
  readonly assets?: readonly { readonly name: string; readonly svg: string }[];
}

/** Folder of a grade inside curricula/. */
export const GRADE_FOLDERS = { '4': 'grade4', '7': 'grade7', club: 'club' } as const;

const LANGS = ['zh-CN', 'en'] as const;

/** Block types a student can always get besides the toolbox: the start hat is in every starter. */
const ALWAYS_AVAILABLE = ['event_when_started'];

/** Path (inside the unit folder) → file text. */
export function unitFiles(unit: UnitSource): Map<string, string> {
  const files = new Map<string, string>();
  const where = (lesson?: string) => `[Units] ${unit.id}${lesson ? ` / ${lesson}` : ''}`;
  const kitTypes = new Set([...toolboxBlockTypes(unit.target.kit), ...ALWAYS_AVAILABLE]);

  const lessons = unit.lessons.map((lesson) => {
    const checkIds = new Set(lesson.checks.map((c) => c.id));
    for (const c of lesson.checks) CheckSchema.parse(c);
    const offered = new Set<string>(ALWAYS_AVAILABLE);
    let offersAll = false;
    const steps = lesson.steps.map((step, i) => {
      for (const id of step.checks ?? []) if (!checkIds.has(id)) throw new Error(`${where(lesson.id)}: step ${step.id} names unknown check ${id}`);
      if (step.toolbox === 'all') offersAll = true;
      else for (const type of step.toolbox) {
        if (!kitTypes.has(type)) throw new Error(`${where(lesson.id)}: step ${step.id} offers ${type}, which the ${unit.target.kit} toolbox does not have`);
        offered.add(type);
      }
      const base = `lessons/${lesson.id}/${i + 1}-${step.id}`;
      for (const lang of LANGS) files.set(`${base}.${lang}.md`, markdown(step.text[lang], lang));
      return {
        id: step.id, title: step.title,
        text: { 'zh-CN': `${base}.zh-CN.md`, en: `${base}.en.md` },
        toolbox: step.toolbox === 'all' ? 'all' : [...step.toolbox],
        checks: [...(step.checks ?? [])],
        hints: [...(step.hints ?? [])],
      };
    });
    for (const [role, project] of [['starter', lesson.starter], ['solution', lesson.solution]] as const) {
      if (project.target !== unit.target.kit) throw new Error(`${where(lesson.id)}: the ${role} targets ${project.target}, the unit ${unit.target.kit}`);
      files.set(`lessons/${lesson.id}/${role}.ailab`, JSON.stringify(project, null, 2) + '\n');
    }
    if (!offersAll) {
      // Blocks the student has to add (in the solution, not yet in the starter) must be in some step's toolbox.
      const inStarter = new Set(usedBlockTypes(lesson.starter.workspace));
      const missing = usedBlockTypes(lesson.solution.workspace).filter((t) => !inStarter.has(t) && !offered.has(t));
      if (missing.length) throw new Error(`${where(lesson.id)}: the solution needs ${missing.join(', ')}, which neither the starter nor any step offers`);
    }
    return {
      id: lesson.id, title: lesson.title,
      starter: `lessons/${lesson.id}/starter.ailab`,
      solution: `lessons/${lesson.id}/solution.ailab`,
      run: CheckRunSchema.parse(lesson.run),
      steps,
      checks: [...lesson.checks],
      reflection: lesson.reflection,
    };
  });

  for (const lang of LANGS) files.set(`teacher-notes.${lang}.md`, markdown(unit.teacherNotes[lang], lang));
  for (const a of unit.assets ?? []) files.set(`assets/${a.name}`, a.svg.trim() + '\n');

  const json = {
    format: 'ailab-unit', schemaVersion: 1,
    id: unit.id, grade: unit.grade, order: unit.order, title: unit.title, summary: unit.summary, classHours: unit.classHours,
    target: { kit: unit.target.kit, arenaId: unit.target.arenaId, hardware: [...unit.target.hardware] },
    prerequisites: [...(unit.prerequisites ?? [])],
    lessons,
    teacherNotes: { file: { 'zh-CN': 'teacher-notes.zh-CN.md', en: 'teacher-notes.en.md' } },
  };
  const parsed = UnitSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${where()}: unit.json does not fit the schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  files.set('unit.json', JSON.stringify(json, null, 2) + '\n');
  return files;
}

/**
 * Trims the indentation template literals bring and ends with one newline. In Chinese every source line is its own
 * paragraph: a soft line break between Chinese sentences would render as a stray space (list items stay together).
 * English sources wrap long sentences over several lines, which Markdown joins back into one paragraph.
 */
export function markdown(text: string, lang: 'zh-CN' | 'en' = 'en'): string {
  const raw = text.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...raw.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  const lines = raw.map((l) => l.slice(indent));
  if (lang === 'en') return lines.join('\n') + '\n';
  const isList = (l: string) => /^\s*([-*]|\d+\.)\s/.test(l);
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    const next = lines[i + 1];
    if (next !== undefined && line.trim() && next.trim() && !isList(line) && !isList(next) && !/^\s/.test(next)) out.push('');
  });
  return out.join('\n') + '\n';
}

/** zh-CN first, then English. */
export const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });
