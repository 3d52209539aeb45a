import type { Command } from './command-palette.js';
import type { Theme } from './use-theme.js';

/** What the workbench's commands act on. */
export interface CommandActions {
  run(): void;
  cancel(): void;
  format(): void;
  newTab(): void;
  closeTab(): void;
  importFile(): void;
  showHistory(): void;
  theme: Theme;
  setTheme(theme: Theme): void;
  tables: string[];
  openTable(table: string): void;
}

/** The command palette's list: the workbench's actions, then one "Open table …" per table. */
export function appCommands(a: CommandActions): Command[] {
  const other: Theme = a.theme === 'dark' ? 'light' : 'dark';
  return [
    { id: 'run', label: 'Run the query', hint: 'Ctrl+Enter', run: a.run },
    { id: 'cancel', label: 'Cancel the running query', hint: 'Esc', run: a.cancel },
    { id: 'format', label: 'Format the SQL', hint: 'Shift+Alt+F', run: a.format },
    { id: 'new-tab', label: 'New query tab', run: a.newTab },
    { id: 'close-tab', label: 'Close this tab', run: a.closeTab },
    { id: 'import', label: 'Import a file…', run: a.importFile },
    { id: 'history', label: 'Show the query history', run: a.showHistory },
    { id: 'theme', label: `Switch to the ${other} theme`, run: () => a.setTheme(other) },
    ...a.tables.map((t) => ({ id: `open-${t}`, label: `Open table ${t}`, run: () => a.openTable(t) })),
  ];
}
