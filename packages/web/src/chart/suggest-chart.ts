import type { Column } from '../api/types.js';
import { typeKind } from '../format/format.js';
import type { ChartSpec } from './chart-spec.js';

const ID_LIKE = /(^id$|_id$|^id_|uuid)/i;
// A count or sum of ids (`distinct_user_id`, `count_order_id`) is a measure, not an id.
const MEASURE_OF = /^(count|distinct|n|num|number|sum|total|avg|mean|unique|median|min|max)_/i;

/** Whether a column looks like an identifier (not worth charting as a number or a category). */
export function looksLikeId(name: string): boolean {
  return ID_LIKE.test(name) && !MEASURE_OF.test(name);
}

/**
 * A sensible first chart from a result's shape: time + number -> line per day; category + number -> bar;
 * one number -> histogram; two numbers -> scatter; only a time -> rows per day; only a category -> rows per value.
 */
export function suggestChart(columns: Column[]): ChartSpec {
  const kinds = columns.map((c) => ({ name: c.name, kind: typeKind(c.type) }));
  const time = kinds.find((c) => c.kind === 'date' || c.kind === 'timestamp');
  const numbers = kinds.filter((c) => c.kind === 'number' && !looksLikeId(c.name));
  const category = kinds.find((c) => (c.kind === 'text' || c.kind === 'boolean') && !looksLikeId(c.name));
  const base: ChartSpec = {
    version: 1,
    mark: 'bar',
    x: null,
    y: null,
    color: null,
    aggregate: 'count',
    timeUnit: 'none',
    bins: 20,
  };
  const firstNumber = numbers[0];
  if (time && firstNumber) {
    return {
      ...base,
      mark: 'line',
      x: time.name,
      y: firstNumber.name,
      aggregate: 'sum',
      timeUnit: time.kind === 'timestamp' ? 'day' : 'none',
    };
  }
  if (category && firstNumber)
    return { ...base, mark: 'bar', x: category.name, y: firstNumber.name, aggregate: 'sum' };
  if (time)
    return { ...base, mark: 'line', x: time.name, timeUnit: time.kind === 'timestamp' ? 'day' : 'none' };
  if (category) return { ...base, mark: 'bar', x: category.name };
  const secondNumber = numbers[1];
  if (firstNumber && secondNumber)
    return { ...base, mark: 'scatter', x: firstNumber.name, y: secondNumber.name };
  if (firstNumber) return { ...base, mark: 'histogram', x: firstNumber.name };
  return { ...base, x: columns[0]?.name ?? null };
}
