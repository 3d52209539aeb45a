import { cast, column, duckdbDialect, type ExprNode, fn, raw, toSql } from '@sightline/sql';
import type { KeyTransform, TransformStep } from './types.js';

/** The expression of `steps` applied in order to `input`. */
export function applySteps(input: ExprNode, steps: TransformStep[]): ExprNode {
  let x = input;
  for (const step of steps) {
    switch (step.op) {
      case 'trim':
        x = fn('trim', x);
        break;
      case 'lower':
        x = fn('lower', x);
        break;
      case 'ltrimZeros':
        // Applied to both keys, so "0" and "00" (both empty after it) still match each other.
        x = fn('ltrim', x, '0');
        break;
      case 'lpad':
        x = fn('lpad', x, step.width, '0');
        break;
      case 'cast':
        if (step.to === 'VARCHAR') {
          x = cast(x, 'TEXT');
          break;
        }
        // TRY_CAST: a value that isn't a number (or date) becomes empty instead of failing the whole query.
        x = raw(`TRY_CAST(${toSql(x, duckdbDialect())} AS ${step.to})`);
        break;
      case 'strptime':
        x = cast(fn('try_strptime', x, step.format), 'DATE');
        break;
    }
  }
  return x;
}

/** A transform of `columnName` with its SQL text and a name for the fixed column. */
export function keyTransform(columnName: string, steps: TransformStep[]): KeyTransform {
  return {
    column: columnName,
    steps,
    sql: toSql(applySteps(column(columnName), steps), duckdbDialect()),
    name: `${columnName}_key`,
  };
}
