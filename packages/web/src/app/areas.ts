import type { ApiClient } from '../api/client.js';
import type { Catalog } from '../api/types.js';

/** The workbench's areas, in the order the top bar shows them. */
export const AREAS = [
  { id: 'sql', label: 'SQL', title: 'Write and run SQL' },
  { id: 'ask', label: 'Ask', title: 'Ask a question without SQL, step by step' },
  { id: 'metrics', label: 'Metrics', title: 'Funnels, retention, active users and A/B tests' },
  { id: 'logs', label: 'Logs', title: 'Explore log tables: timeline, facets, patterns' },
  { id: 'api', label: 'API', title: 'Call HTTP APIs and turn responses into tables' },
  { id: 'lessons', label: 'Lessons', title: 'Short SQL lessons on the sample data' },
] as const;

/** One area's id. */
export type AreaId = (typeof AREAS)[number]['id'];

/** What every area other than SQL gets from the workbench. */
export interface AreaProps {
  api: ApiClient;
  /** Tables and connections (null while loading). */
  catalog: Catalog | null;
  /** Reloads the catalog (after an area creates or changes a table). */
  refreshCatalog(): void;
  /** Opens SQL in a new editor tab of the SQL area (and runs it when `run`), on the live connection `on` if given. */
  openSql(sql: string, title?: string, run?: boolean, on?: string): void;
  /** Where an area may keep its own state across reloads (use keys starting with `sightline.<area>.`). */
  storage: Storage;
  theme: 'light' | 'dark';
  /** False while the area is hidden behind another (it stays mounted): page-wide shortcuts must not fire then. */
  active: boolean;
}

/** Whether a stored value names an area. */
export function isAreaId(value: unknown): value is AreaId {
  return AREAS.some((a) => a.id === value);
}
