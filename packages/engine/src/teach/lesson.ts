import type { SqlPosition } from '../core/query-error.js';

/** A one-click correction: the whole corrected SQL, and whether applying it cannot change what the user meant. */
export interface LessonFix {
  label: string;
  sql: string;
  safe: boolean;
}

/** What the teacher says about one error or warning in a query. */
export interface Lesson {
  /** Stable id of the case, e.g. `unknown-column`. */
  kind: string;
  /** One plain sentence: what happened and where. */
  title: string;
  /** The likely cause in the user's own schema, and what to do. */
  detail: string;
  /** `error` stops the query; `warning` runs but is probably not what was meant. */
  severity: 'error' | 'warning';
  position?: SqlPosition;
  fix?: LessonFix;
  /** Id of the lesson that covers it: `select-where`, `group-by`, `joins`, `dates`, ... */
  lesson?: string;
}

/** One table (or view) of the schema the teacher reasons about. */
export interface SchemaTable {
  table: string;
  columns: { name: string; type: string }[];
}

/** What the teacher knows besides the error: the SQL as typed and the workspace schema. */
export interface TeachContext {
  sql: string;
  schema: SchemaTable[];
}
