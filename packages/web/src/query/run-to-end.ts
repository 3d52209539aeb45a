import { type ApiClient, ApiRequestError } from '../api/client.js';
import type { RowsPage } from '../api/types.js';

/**
 * Runs a small generated query (a profile, a chart's aggregate) to the end and returns its first `limit` rows;
 * the query is forgotten on the server afterwards. `signal` cancels it.
 */
export async function runToEnd(
  api: ApiClient,
  sql: string,
  limit: number,
  signal?: AbortSignal,
  on?: string,
): Promise<RowsPage> {
  const { id } = await api.startQuery(sql, on);
  try {
    let delay = 30;
    for (;;) {
      if (signal?.aborted) {
        await api.cancelQuery(id).catch(() => undefined);
        throw new ApiRequestError(0, { code: 'network', message: 'Cancelled.', hints: [] });
      }
      const st = await api.queryStatus(id);
      if (st.state === 'done') return await api.rows(id, 0, limit);
      if (st.state !== 'running') {
        throw new ApiRequestError(
          400,
          st.error ?? { code: 'internal', message: 'The query stopped.', hints: [] },
        );
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 1.5, 300);
    }
  } finally {
    void api.dropQuery(id).catch(() => undefined);
  }
}
