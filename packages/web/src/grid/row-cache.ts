import type { Row, RowsPage } from '../api/types.js';

/** Fetches one page of rows. */
export type PageLoader = (offset: number, limit: number) => Promise<RowsPage>;

/**
 * Pages of a server-side result, fetched on demand for the rows in view and kept up to `maxPages` (least recently
 * used dropped first), so a 10-million-row result never lives in the browser.
 */
export class RowCache {
  private readonly pages = new Map<number, Row[]>();
  private readonly loading = new Map<number, Promise<void>>();
  private failure: Error | null = null;

  constructor(
    private readonly load: PageLoader,
    private readonly onChange: () => void,
    readonly pageSize = 500,
    private readonly maxPages = 40,
  ) {}

  /** Row `index` if its page is here (and marks the page as used), else undefined. */
  get(index: number): Row | undefined {
    const p = Math.floor(index / this.pageSize);
    const page = this.pages.get(p);
    if (!page) return undefined;
    this.pages.delete(p);
    this.pages.set(p, page);
    return page[index - p * this.pageSize];
  }

  /** The last page error, if any (shown instead of endless placeholders). */
  get error(): Error | null {
    return this.failure;
  }

  /** Starts fetching the pages covering rows `first..last`; resolves when they are here. */
  ensure(first: number, last: number): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (let p = Math.floor(first / this.pageSize); p <= Math.floor(last / this.pageSize); p++) {
      if (this.pages.has(p)) continue;
      let job = this.loading.get(p);
      if (!job) {
        job = this.load(p * this.pageSize, this.pageSize).then(
          (res) => {
            this.loading.delete(p);
            this.pages.set(p, res.rows);
            while (this.pages.size > this.maxPages) {
              const oldest = this.pages.keys().next().value as number;
              this.pages.delete(oldest);
            }
            this.onChange();
          },
          (err: unknown) => {
            this.loading.delete(p);
            this.failure = err instanceof Error ? err : new Error(String(err));
            this.onChange();
          },
        );
        this.loading.set(p, job);
      }
      jobs.push(job);
    }
    return Promise.all(jobs).then(() => undefined);
  }

  /** How many pages are held (for tests and the memory bound). */
  get size(): number {
    return this.pages.size;
  }
}
