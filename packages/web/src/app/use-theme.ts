import { useEffect, useState } from 'react';

/** The two themes; both come from the same design tokens. */
export type Theme = 'light' | 'dark';

const KEY = 'sightline.theme';

/** The chosen theme (saved; the system's preference at first), applied as `data-theme` on <html>. */
export function useTheme(storage: Storage): [Theme, (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(() => {
    const saved = storage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  });
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    storage.setItem(KEY, theme);
  }, [theme, storage]);
  return [theme, setTheme];
}
