/**
 * Test helper for the AI panel's component tests (vitest + jsdom): renders a React element with the app's real
 * i18next instance (all namespaces, the language asked for) into a detached container, and unmounts it after.
 */
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { Language } from '../../../core/i18n';
import { createI18n } from '../i18n';

// React checks this flag to know `act` is available (it is, through vitest).
(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  readonly container: HTMLElement;
  rerender(element: ReactElement): void;
  unmount(): void;
  all(testId: string): HTMLElement[];
  one(testId: string): HTMLElement;
}

export function render(element: ReactElement, language: Language = 'en'): Rendered {
  const i18n = createI18n(language);
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root;
  const wrap = (el: ReactElement) => <I18nextProvider i18n={i18n}>{el}</I18nextProvider>;
  act(() => {
    root = createRoot(container);
    root.render(wrap(element));
  });
  return {
    container,
    rerender: (el) => act(() => root.render(wrap(el))),
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
    all: (id) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)],
    one: (id) => {
      const el = container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!el) throw new Error(`no element with data-testid="${id}"`);
      return el;
    },
  };
}

/** Clicks `el` inside `act`, so React has re-rendered when it returns. */
export function click(el: Element): void {
  act(() => {
    (el as HTMLElement).click();
  });
}

/** Types `text` into an input the way React sees it (native value setter + input event). */
export function typeInto(input: HTMLInputElement, text: string): void {
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function key(el: Element, k: string, init: KeyboardEventInit = {}): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });
}
