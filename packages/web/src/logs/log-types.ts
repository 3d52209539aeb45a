// The Logs view's requests and answers (POST /api/logs/*): the engine's own types, re-exported by the server, so the
// two cannot drift apart.
import type { LogFilter, LogRoles, LogViewRequest } from '@sightline/server';

export type {
  LogFacet,
  LogFilter,
  LogPattern,
  LogPatterns,
  LogRoles,
  LogRolesAnswer,
  LogRowsPage,
  LogTimeline,
  TimelineBucket,
} from '@sightline/server';

/** What narrows the view; sent with every request (the page always knows the roles and filters). */
export type LogView = LogViewRequest & { roles: LogRoles; filters: LogFilter[] };
