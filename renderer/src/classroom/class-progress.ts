/**
 * The lesson player → class link. When this app has joined a class, the player's step changes and "Check my work"
 * results are reported to the teacher (`class.progress`); when it has not, the host answers `classNotJoined` and
 * nothing else happens. The lesson last reported is what a hand-in is filed under.
 *
 * Units pushed by the teacher are installed by the host; the player's unit list is refreshed until the new unit shows
 * as installed (the host re-scans unit folders at most every 5 s).
 */
import { useEffect } from 'react';
import type { UnitSummary } from '../../../core/contracts/lessons';
import { HostCallError, type HostClient } from '../host-client';

export interface ClassLesson {
  readonly unitId: string;
  readonly lessonId: string;
}

let current: ClassLesson | null = null;

/** The lesson the student last worked in (null before any). */
export function currentClassLesson(): ClassLesson | null {
  return current;
}

export async function reportClassProgress(
  host: HostClient,
  p: { unitId: string; lessonId: string; stepId: string; checks: Readonly<Record<string, boolean>> },
): Promise<void> {
  current = { unitId: p.unitId, lessonId: p.lessonId };
  const checks = Object.entries(p.checks).slice(0, 50).map(([id, passed]) => ({ id, passed }));
  try {
    await host.call('class.progress', { unitId: p.unitId, lessonId: p.lessonId, stepId: p.stepId, checks });
  } catch (e) {
    if (e instanceof HostCallError && e.code === 'classNotJoined') return;
    // Offline is not an error here: the host queues progress on disk and sends it on reconnect.
    console.warn('[Classroom] progress not reported', e);
  }
}

/** How often and how many times the unit list is asked again after a unit arrived. */
const REFRESH_MS = 1000;
const REFRESH_TRIES = 8;

/** Calls `onUnits` with a fresh unit list whenever a pushed unit has been installed and is listed as installed. */
export function useInstalledUnitRefresh(host: HostClient, onUnits: (units: UnitSummary[]) => void): void {
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const poll = (unitId: string, triesLeft: number) => {
      host.call('lessons.list', {}).then((units) => {
        const arrived = units.some((u) => u.id === unitId && u.source === 'installed');
        if (arrived || triesLeft <= 1) onUnits(units);
        if (!arrived && triesLeft > 1) {
          const timer = setTimeout(() => { timers.delete(timer); poll(unitId, triesLeft - 1); }, REFRESH_MS);
          timers.add(timer);
        }
      }, (e) => console.warn('[Classroom] unit list not refreshed', e));
    };
    const off = host.onDidReceive('class.studentEvent', (e) => {
      if (e.type === 'installed') poll(e.unitId, REFRESH_TRIES);
    });
    return () => {
      off();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [host, onUnits]);
}
