/**
 * The student side of a class as React state: the host's status (joined class, connection, messages waiting on
 * disk, eyes-up lock) plus what the host's `class.studentEvent`s tell as they come: unit downloads and installs,
 * teacher messages, a reset, hand-in delivery. The status is asked again after events that change it (the host
 * resumes a joined class after an app restart when first asked).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { StudentClassStatusSchema } from '../../../core/contracts/classroom-host';
import type { Language } from '../../../core/i18n';
import type { HostClient } from '../host-client';

export type StudentClassStatus = z.infer<typeof StudentClassStatusSchema>;
type Localized = { readonly 'zh-CN': string; readonly en: string };

export interface UnitDelivery {
  readonly packageId: string;
  readonly received: number;
  readonly total: number;
  readonly state: 'downloading' | 'installed' | 'failed';
  readonly unitTitle?: string;
  readonly message?: Localized;
}

export type Notice = { readonly id: number; readonly kind: 'message'; readonly text: string } | { readonly id: number; readonly kind: 'reset' };

export type HandInState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'sent'; readonly handInId: string }
  | { readonly kind: 'delivered'; readonly handInId: string }
  | { readonly kind: 'refused'; readonly message: Localized };

export interface StudentClass {
  readonly status: StudentClassStatus | null;
  readonly delivery: UnitDelivery | null;
  readonly notices: readonly Notice[];
  readonly handIn: HandInState;
  /** How many times the teacher reset this student's class progress since the app started. */
  readonly resets: number;
  setHandIn(state: HandInState): void;
  dismiss(id: number): void;
  refresh(): void;
}

export function useStudentClass(host: HostClient, language: Language): StudentClass {
  const [status, setStatus] = useState<StudentClassStatus | null>(null);
  const [delivery, setDelivery] = useState<UnitDelivery | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [handIn, setHandIn] = useState<HandInState>({ kind: 'idle' });
  const [resets, setResets] = useState(0);
  const nextId = useRef(1);
  // A hand-in can be delivered before the host's answer to `class.handIn` arrives: remember deliveries.
  const deliveredRef = useRef(new Set<string>());
  const languageRef = useRef(language);
  languageRef.current = language;

  const refresh = useCallback(() => {
    host.call('class.studentStatus', {}).then(setStatus, (e) => console.warn('[Classroom] status unavailable', e));
  }, [host]);

  useEffect(() => {
    refresh();
    return host.onDidReceive('class.studentEvent', (e) => {
      switch (e.type) {
        case 'connection':
          setStatus((s) => (s ? { ...s, connection: e.state } : s));
          refresh();
          return;
        case 'eyesUp':
          setStatus((s) => (s ? { ...s, eyesUp: { locked: e.locked, text: e.text } } : s));
          return;
        case 'message':
          setNotices((n) => [...n, { id: nextId.current++, kind: 'message' as const, text: e.text }].slice(-5));
          return;
        case 'reset':
          setResets((r) => r + 1);
          setNotices((n) => [...n, { id: nextId.current++, kind: 'reset' as const }].slice(-5));
          return;
        case 'download':
          setDelivery({ packageId: e.packageId, received: e.received, total: e.total, state: 'downloading' });
          return;
        case 'installed':
          setDelivery((d) => ({ packageId: e.packageId, received: d?.total ?? 1, total: d?.total ?? 1, state: 'installed', unitTitle: e.unitId }));
          // The unit's title in the student's language, once the host lists it.
          host.call('lessons.get', { unitId: e.unitId }).then(
            ({ unit }) => setDelivery((d) => (d?.packageId === e.packageId ? { ...d, unitTitle: unit.title[languageRef.current] } : d)),
            () => undefined,
          );
          return;
        case 'installFailed':
          setDelivery((d) => ({ packageId: e.packageId, received: d?.received ?? 0, total: d?.total ?? 1, state: 'failed', message: e.message }));
          return;
        case 'delivered':
          if (e.what === 'handIn') deliveredRef.current.add(e.id);
          if (e.what === 'handIn') setHandIn((h) => (h.kind === 'sent' && h.handInId === e.id ? { kind: 'delivered', handInId: e.id } : h));
          refresh();
          return;
        case 'handInRefused':
          setHandIn({ kind: 'refused', message: e.message });
          refresh();
          return;
      }
    });
  }, [host, refresh]);

  const setHandInChecked = useCallback((h: HandInState) => {
    setHandIn(h.kind === 'sent' && deliveredRef.current.has(h.handInId) ? { kind: 'delivered', handInId: h.handInId } : h);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);
  return { status, delivery, notices, handIn, resets, setHandIn: setHandInChecked, dismiss, refresh };
}
