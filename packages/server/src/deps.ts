import type { Workspace } from '@sightline/engine';
import type { QueryRegistry } from './query-registry.js';
import type { UploadStore } from './uploads.js';

/** What the routes work with; built once per app by `createApp` (no module-level state). */
export interface AppDeps {
  workspace: Workspace;
  queries: QueryRegistry;
  uploads: UploadStore;
  /** Where exports are written before they are streamed. */
  exportDir: string;
}
