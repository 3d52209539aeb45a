import type { Dialect } from '../dialect.js';

/** State threaded through SQL generation. */
export interface GenContext {
  dialect: Dialect;
  pretty: boolean;
  /** Nesting depth of the query being written (for indentation in pretty mode). */
  depth: number;
}

/** A clause separator: a newline plus indentation when pretty, else a space. */
export function nl(ctx: GenContext): string {
  return ctx.pretty ? `\n${'  '.repeat(ctx.depth)}` : ' ';
}

/** The context one nesting level deeper. */
export function deeper(ctx: GenContext): GenContext {
  return { ...ctx, depth: ctx.depth + 1 };
}
