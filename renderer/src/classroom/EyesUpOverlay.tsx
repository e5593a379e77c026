/**
 * "Eyes up": while the teacher holds it, a full-window overlay with the teacher's words covers the app, the editor is
 * set read-only (by the app, through `setLocked`), and keys are stopped before they reach anything underneath. The
 * student's work stays as it is; the lock lifts when the teacher releases it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function EyesUpOverlay(props: { text: string; setLocked: (locked: boolean) => void }) {
  const { t } = useTranslation('classui');
  const { setLocked } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setLocked(true);
    const active = document.activeElement;
    if (active instanceof HTMLElement) active.blur();
    ref.current?.focus();
    // Capture phase on window runs before Blockly's and the app's own key handlers.
    const swallow = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', swallow, true);
    window.addEventListener('keyup', swallow, true);
    return () => {
      window.removeEventListener('keydown', swallow, true);
      window.removeEventListener('keyup', swallow, true);
      setLocked(false);
    };
  }, [setLocked]);
  return (
    <div ref={ref} className="eyes-up-overlay" role="alertdialog" aria-modal="true" aria-label={t('eyesUp.title')} tabIndex={-1} data-testid="eyes-up-overlay">
      <p className="eyes-up-text" data-testid="eyes-up-text">{props.text || t('eyesUp.title')}</p>
      <p>{t('eyesUp.locked')}</p>
    </div>
  );
}
