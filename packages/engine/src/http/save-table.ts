import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  getJsonPath,
  type HttpEnvironment,
  type HttpSaveTableResult,
  type HttpSaveTableSpec,
  resolveVariables,
  suggestArrays,
} from '@sightline/spec';
import type { Workspace } from '../core/workspace.js';
import { SightlineError } from '../errors.js';
import { importFiles } from '../import/import-files.js';
import { exchangeJson } from './exchange-view.js';
import { stringifyLossless } from './lossless-json.js';
import { firstPage, nextPage } from './paging.js';
import { type HttpLimits, sendHttp } from './send.js';

/** The column recording which page (request) each row came from. */
export const PAGE_COLUMN = '_page';

/** Options of `saveHttpAsTable`. */
export interface SaveHttpOptions {
  environment?: HttpEnvironment;
  allowPrivate: boolean;
  limits?: Partial<HttpLimits>;
  signal?: AbortSignal;
  /** Called after each page with its number and how many rows it held. */
  onPage?: (page: number, rows: number) => void;
}

const STOPPED: Record<HttpSaveTableResult['stoppedBy'], string> = {
  single: 'one request',
  'last-page': 'the last page said there was no next one',
  'empty-page': 'a page came back empty',
  'max-pages': 'the page limit was reached; there are more pages',
};

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Calls an API (following its pages) and saves the rows of one JSON array from every page into one table, with a
 * `_page` column. Rows are read by DuckDB's JSON reader from an NDJSON file, through the same staging and single
 * transaction as `importFiles`, so a failure changes nothing.
 */
export async function saveHttpAsTable(
  workspace: Workspace,
  spec: HttpSaveTableSpec,
  opts: SaveHttpOptions,
): Promise<HttpSaveTableResult> {
  const resolved = resolveVariables(spec.request, opts.environment);
  if (!resolved.ok)
    throw new SightlineError(resolved.error, { hints: ['Choose an environment that defines it.'] });
  const scratch = join(workspace.tmpDir, 'http');
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, `save-${Date.now()}-${randomBytes(4).toString('hex')}.ndjson`);
  const out = createWriteStream(file, { mode: 0o600 });
  let arrayPath = spec.arrayPath;
  let request = firstPage(resolved.value, spec.paginate);
  let pages = 0;
  let rows = 0;
  let stoppedBy: HttpSaveTableResult['stoppedBy'] = 'single';
  try {
    for (;;) {
      const page = pages + 1;
      const exchange = await sendHttp(request, {
        ...(opts.environment ? { environment: opts.environment } : {}),
        allowPrivate: opts.allowPrivate,
        bodyDir: scratch,
        ...(opts.limits ? { limits: opts.limits } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      try {
        if (exchange.status >= 400) {
          throw new SightlineError(
            `Page ${page} of ${exchange.url} answered ${exchange.status} ${exchange.statusText}; nothing was saved.`,
            { hints: ['Send the request on its own to see the answer, fix it, then save again.'] },
          );
        }
        const json = exchangeJson(exchange, { lossless: true });
        if (json === undefined) {
          throw new SightlineError(
            `Page ${page} of ${exchange.url} isn't JSON (${exchange.contentType ?? 'no content type'}), so it has no rows to save; nothing was saved.`,
            { hints: ['Save as table works with APIs that answer JSON.'] },
          );
        }
        if (arrayPath === undefined) {
          const best = suggestArrays(json)[0];
          if (!best) {
            throw new SightlineError(
              `The answer from ${exchange.url} holds no list (JSON array) of rows to save.`,
              {
                hints: ['Check the request returns a list, e.g. /items rather than /items/1.'],
              },
            );
          }
          arrayPath = best.path;
        }
        const items = getJsonPath(json, arrayPath);
        if (!Array.isArray(items)) {
          if (page === 1) {
            const options = suggestArrays(json).map((s) => s.path);
            throw new SightlineError(`The answer has no array at ${arrayPath}.`, {
              hints: [
                options.length
                  ? `Arrays in the answer: ${options.join(', ')}.`
                  : 'The answer holds no arrays.',
              ],
            });
          }
          stoppedBy = 'empty-page';
          break;
        }
        opts.onPage?.(page, items.length);
        if (items.length === 0) {
          stoppedBy = page === 1 ? 'single' : 'empty-page';
          break;
        }
        pages = page;
        for (const item of items) {
          const row =
            item !== null && typeof item === 'object' && !Array.isArray(item) ? { ...item } : { value: item };
          (row as Record<string, unknown>)[PAGE_COLUMN] = page;
          if (!out.write(`${stringifyLossless(row)}\n`)) await once(out, 'drain');
          rows++;
        }
        if (!spec.paginate) break;
        const next = nextPage(request, spec.paginate, {
          url: request.url,
          headers: exchange.headers,
          json,
          items: items.length,
        });
        if (!next) {
          stoppedBy = 'last-page';
          break;
        }
        if (page >= spec.maxPages) {
          stoppedBy = 'max-pages';
          break;
        }
        request = next;
      } finally {
        if (exchange.bodyFile) rmSync(exchange.bodyFile, { force: true });
      }
    }
    out.end();
    await once(out, 'finish');
    if (rows === 0) {
      throw new SightlineError(`The array at ${arrayPath} is empty, so there are no rows to save.`, {
        hints: ["Check the request's filters, or choose another array."],
      });
    }
    const conn = await workspace.engine.connect();
    let table: string;
    let columns: string[];
    try {
      const [outcome] = await importFiles(
        conn,
        { paths: [file], as: spec.table, mode: spec.mode, inputFormat: 'ndjson', flatten: spec.flatten },
        { scratchDir: workspace.tmpDir, ...(opts.signal ? { signal: opts.signal } : {}) },
      );
      table = outcome!.table;
      columns = Object.keys(outcome!.detected.types);
    } finally {
      conn.closeSync();
    }
    const message = `Saved ${plural(rows, 'row')} from ${plural(pages, 'page')} into ${table}${spec.paginate ? ` (stopped: ${STOPPED[stoppedBy]})` : ''}.`;
    return { table, rows, pages, columns, arrayPath: arrayPath!, stoppedBy, message };
  } finally {
    out.destroy();
    rmSync(file, { force: true });
  }
}
