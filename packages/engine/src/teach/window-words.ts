import { aggregateWords, valueWords } from './describe-expression.js';
import { node, nodes, type SqlNode, str } from './parsed-sql.js';
import { listWords } from './query-tables.js';

function frameWords(w: SqlNode): string {
  const start = str(w.start);
  const end = str(w.end);
  const n = valueWords(w.start_expr);
  if (start === 'EXPR_PRECEDING_ROWS' && end === 'CURRENT_ROW_ROWS')
    return ` over this row and the ${n} before it`;
  if (start === 'EXPR_PRECEDING_RANGE' && end === 'CURRENT_ROW_RANGE')
    return ` over the range from ${n} before this row up to it`;
  if (start === 'UNBOUNDED_PRECEDING' && end === 'UNBOUNDED_FOLLOWING') return ' over the whole partition';
  return '';
}

/** A window function in words: `For each user_id, ordered by ts, numbers the rows 1, 2, 3, ... (as rn).` */
export function windowWords(w: SqlNode): string {
  const name = str(w.function_name);
  const args = nodes(w.children).map(valueWords);
  const partitions = nodes(w.partitions).map(valueWords);
  const orders = nodes(w.orders).map(
    (o) => `${valueWords(o.expression)}${str(o.type) === 'DESCENDING' ? ' (highest or latest first)' : ''}`,
  );
  const offset = node(w.offset_expr) ? valueWords(w.offset_expr) : '1';
  const rows = offset === '1' ? 'row' : 'rows';
  const frame = frameWords(w);
  const running =
    orders.length > 0 && str(w.start) === 'UNBOUNDED_PRECEDING' && str(w.end) === 'CURRENT_ROW_RANGE';
  const known: Record<string, string> = {
    row_number: 'numbers the rows 1, 2, 3 and so on',
    rank: 'ranks the rows 1, 2, 3, with ties sharing a rank and leaving a gap after',
    dense_rank: 'ranks the rows 1, 2, 3, with ties sharing a rank and no gaps',
    percent_rank: 'gives each row its relative rank from 0 to 1',
    cume_dist: 'gives the share of rows up to this one',
    ntile: `splits the rows into ${args[0] ?? 'n'} equal buckets`,
    lag: `takes ${args[0] ?? 'the value'} from ${offset} ${rows} before`,
    lead: `takes ${args[0] ?? 'the value'} from ${offset} ${rows} after`,
    first_value: `takes the first ${args[0] ?? 'value'}`,
    last_value: `takes the last ${args[0] ?? 'value'}`,
  };
  let what = known[name];
  if (!what) {
    const total = aggregateWords({ ...w, class: 'FUNCTION' });
    what = running && !frame ? `${total} as a running total up to each row` : `${total}${frame}`;
  }
  const scope: string[] = [];
  if (partitions.length > 0) scope.push(`for each ${listWords(partitions)}`);
  if (orders.length > 0) scope.push(`ordered by ${orders.join(', then ')}`);
  const alias = str(w.alias) ? ` (as ${str(w.alias)})` : '';
  const lead = scope.length > 0 ? `${scope.join(', ')}, ` : 'over all rows, ';
  return `${lead.charAt(0).toUpperCase()}${lead.slice(1)}${what}${alias}.`;
}
