import type { ReactNode } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// React warns unless tests declare they use act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders into a fresh container attached to the document; `unmount` cleans up. */
export async function render(
  node: ReactNode,
): Promise<{ container: HTMLElement; root: Root; unmount(): Promise<void> }> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(node));
  return {
    container,
    root,
    async unmount() {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Waits (with act) until `check` returns a value without throwing, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = check();
      if (v !== undefined && v !== null && v !== false) return v as T;
      last = new Error('the condition is still false');
    } catch (err) {
      last = err;
    }
    if (Date.now() - start > timeoutMs) throw last;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

/** Sets a <select>'s value and fires the change event React listens to. */
export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Clicks an element inside act(). */
export async function click(el: Element): Promise<void> {
  await act(async () => {
    (el as HTMLElement).click();
  });
}
