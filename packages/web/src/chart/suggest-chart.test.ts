import { describe, expect, it } from 'vitest';
import { parseChartSpec } from './chart-spec.js';
import { suggestChart } from './suggest-chart.js';

const col = (name: string, type: string) => ({ name, type });

describe('suggestChart', () => {
  it('time + number -> line of the sum per day', () => {
    expect(
      suggestChart([col('user_id', 'BIGINT'), col('at', 'TIMESTAMP'), col('revenue', 'DOUBLE')]),
    ).toMatchObject({
      mark: 'line',
      x: 'at',
      y: 'revenue',
      aggregate: 'sum',
      timeUnit: 'day',
      color: null,
    });
  });
  it('a date axis is not truncated again', () => {
    expect(suggestChart([col('day', 'DATE'), col('n', 'BIGINT')])).toMatchObject({
      mark: 'line',
      timeUnit: 'none',
    });
  });
  it('category + number -> bar', () => {
    expect(suggestChart([col('country', 'VARCHAR'), col('n', 'BIGINT')])).toMatchObject({
      mark: 'bar',
      x: 'country',
      y: 'n',
      aggregate: 'sum',
    });
  });
  it('ids are not measures; a category alone counts rows', () => {
    expect(suggestChart([col('user_id', 'BIGINT'), col('plan', 'VARCHAR')])).toMatchObject({
      mark: 'bar',
      x: 'plan',
      y: null,
      aggregate: 'count',
    });
  });
  it('a count of ids is a measure, not an id', () => {
    expect(
      suggestChart([
        col('signup_at_week', 'TIMESTAMP WITH TIME ZONE'),
        col('plan', 'VARCHAR'),
        col('distinct_user_id', 'BIGINT'),
      ]),
    ).toMatchObject({
      mark: 'line',
      x: 'signup_at_week',
      y: 'distinct_user_id',
      aggregate: 'sum',
    });
    expect(suggestChart([col('plan', 'VARCHAR'), col('count_order_id', 'BIGINT')])).toMatchObject({
      mark: 'bar',
      y: 'count_order_id',
    });
  });
  it('one number -> histogram, two -> scatter', () => {
    expect(suggestChart([col('amount', 'DOUBLE')])).toMatchObject({ mark: 'histogram', x: 'amount' });
    expect(suggestChart([col('a', 'DOUBLE'), col('b', 'INTEGER')])).toMatchObject({
      mark: 'scatter',
      x: 'a',
      y: 'b',
    });
  });
  it('suggestions are valid specs; a wrong spec says why', () => {
    expect(parseChartSpec(suggestChart([col('a', 'DOUBLE')])).ok).toBe(true);
    expect(parseChartSpec({ ...suggestChart([col('a', 'DOUBLE')]), mark: 'donut' })).toEqual({
      ok: false,
      error: 'Unknown chart kind donut.',
    });
  });
});
