// Compile-time check that the lesson types of this area match what the server's lesson routes return.
// Type-only: nothing here exists at run time.
import type { AppType } from '@sightline/server';
// biome-ignore lint/correctness/noUndeclaredDependencies: type-only; hono's client types come with @sightline/server
import type { ClientResponse, hc } from 'hono/client';
import type { Column } from '../api/types.js';
import type { CheckResult, LessonList, LessonView } from './lesson-types.js';

type Api = ReturnType<typeof hc<AppType>>['api'];
type Ok<T> =
  T extends ClientResponse<infer B, infer S, 'json'> ? (S extends 200 | 201 | 202 ? B : never) : never;
type Returns<F> = F extends (...args: never[]) => Promise<infer R>
  ? [Ok<R>] extends [never]
    ? 'no success body found'
    : Ok<R>
  : 'not an endpoint';
type Assignable<A, B extends A> = B;

/** The checks; never used at run time. */
export type LessonContract = [
  Assignable<LessonList, Returns<Api['lessons']['$get']>>,
  Assignable<LessonView, Returns<Api['lessons'][':id']['$get']>>,
  Assignable<LessonView, Returns<Api['lessons'][':id']['reset']['$post']>>,
  Assignable<
    Omit<CheckResult, 'preview' | 'error'> & { preview: { columns: Column[]; rowCount: number } | null },
    Returns<Api['lessons'][':id']['check']['$post']>
  >,
];
