// Compile-time check that the hand-written API types match what the server's routes return (AppType), so the
// small fetch client cannot drift from the server. Type-only: nothing here exists at run time.
import type { AppType } from '@sightline/server';
// biome-ignore lint/correctness/noUndeclaredDependencies: type-only; hono's client types come with @sightline/server
import type { ClientResponse, hc } from 'hono/client';
import type { Catalog, ImportOutcome, ImportPreview, QueryStatus, RowsPage, UploadInfo } from './types.js';

type Api = ReturnType<typeof hc<AppType>>['api'];
type Ok<T> =
  T extends ClientResponse<infer B, infer S, 'json'> ? (S extends 200 | 201 | 202 ? B : never) : never;
/** The success body of an endpoint; a marker string (which fails every check) when it could not be found. */
type Returns<F> = F extends (...args: never[]) => Promise<infer R>
  ? [Ok<R>] extends [never]
    ? 'no success body found'
    : Ok<R>
  : 'not an endpoint';

/** Fails to compile when `B` (the server's answer) cannot be read as `A` (what the web app expects). */
type Assignable<A, B extends A> = B;

/** The checks; never used at run time. */
export type ApiContract = [
  Assignable<Catalog, Returns<Api['catalog']['$get']>>,
  Assignable<QueryStatus, Returns<Api['queries'][':id']['$get']>>,
  Assignable<Omit<RowsPage, 'rows'>, Omit<Returns<Api['queries'][':id']['rows']['$get']>, 'rows'>>,
  Assignable<UploadInfo[], Returns<Api['uploads']['$get']>>,
  Assignable<Pick<ImportPreview, 'columns' | 'warnings'>, Returns<Api['imports']['preview']['$post']>>,
  Assignable<
    Pick<ImportOutcome, 'table' | 'rows' | 'columns' | 'rejected'>[],
    Returns<Api['imports']['$post']>
  >,
  Assignable<{ id: string }, Returns<Api['queries']['$post']>>,
];
