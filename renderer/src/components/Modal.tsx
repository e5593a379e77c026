/** A modal dialog: dims the app, traps nothing fancy, closes on Escape when `onClose` is given. */
import { useEffect, type ReactNode } from 'react';

export function Modal(props: { title: string; onClose?: () => void; children: ReactNode; testId?: string }) {
  const { onClose } = props;
  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testId}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
