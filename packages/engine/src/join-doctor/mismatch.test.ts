import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { diagnoseJoin } from './diagnose.js';
import type { KeyPair } from './types.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 1 });
  await engine.query(`
    CREATE TABLE crm AS SELECT * FROM (VALUES ('00123', 'Pro ', '31/01/2026'), ('00456', 'Free', '01/02/2026'),
      ('00789', 'Team', '15/02/2026'), ('01000', 'pro', '28/02/2026')) t(code, plan, day);
    CREATE TABLE billing AS SELECT * FROM (VALUES (123, '123', 'pro', '2026-01-31'), (456, '456', 'free', '2026-02-01'),
      (789, '789', 'team', '2026-02-15'), (999, '999', 'enterprise', '2026-03-01')) t(num, txt, plan, day);`);
});
afterAll(async () => engine.close());

const doctor = (on: KeyPair) =>
  diagnoseJoin(engine, { left: { table: 'crm' }, right: { table: 'billing' }, on: [on], kind: 'left' });

it('`00123` (text) vs 123 (number): the types differ; reading the text as a number matches 3 of 4', async () => {
  const r = await doctor({ left: 'code', right: 'num' });
  expect(r.comparable).toBe(false);
  expect(r.left.matchedRows).toBe(0);
  expect(r.mismatches).toHaveLength(1);
  const m = r.mismatches[0];
  expect(m).toMatchObject({
    kind: 'text-vs-number',
    pair: 0,
    message: "crm.code is text and billing.num is a number, so they can't be compared as they are.",
    fixLabel: 'Read code as a number',
    example: { left: '00123', right: 123 },
    after: { leftShare: 0.75, rightShare: 0.75, leftMatched: 3, rightMatched: 3 },
  });
  expect(m?.left?.sql).toBe('TRY_CAST(trim("code") AS BIGINT)');
  expect(m?.right).toBeUndefined();
  const fixed = await engine.query(
    `SELECT count(*)::INT AS n FROM crm JOIN billing ON ${m?.left?.sql} = billing.num`,
  );
  expect(fixed.rows[0]?.n).toBe(3);
});

it('`00123` vs `123` (both text): leading zeros, fixed by padding the other side', async () => {
  const r = await doctor({ left: 'code', right: 'txt' });
  expect(r.comparable).toBe(true);
  expect(r.left.matchedRows).toBe(0);
  expect(r.mismatches.map((m) => m.kind)).toEqual(['leading-zeros']);
  const m = r.mismatches[0];
  expect(m).toMatchObject({
    message: "crm.code has leading zeros that billing.txt doesn't have.",
    fixLabel: 'Pad txt with zeros to 5 digits',
    example: { left: '00123', right: '123' },
    after: { leftMatched: 3, leftShare: 0.75 },
  });
  expect(m?.right?.sql).toBe(`lpad(trim("txt"), 5, '0')`);
});

it("'Pro ' vs 'pro': spaces alone don't help, ignoring capitals (after trimming) does", async () => {
  const r = await doctor({ left: 'plan', right: 'plan' });
  expect(r.left.matchedRows).toBe(1);
  expect(r.mismatches.map((m) => m.kind)).toEqual(['case']);
  const m = r.mismatches[0];
  expect(m?.left?.sql).toBe('lower(trim("plan"))');
  expect(m?.right?.sql).toBe('lower("plan")');
  expect(m?.after).toEqual({ leftShare: 1, rightShare: 0.75, leftMatched: 4, rightMatched: 3 });
  expect(m?.example).toEqual({ left: 'Free', right: 'free' });
});

it('31/01/2026 vs 2026-01-31: different date formats, read both as dates', async () => {
  const r = await doctor({ left: 'day', right: 'day' });
  const m = r.mismatches.find((x) => x.kind === 'date-format');
  expect(m?.message).toBe('crm.day writes dates as dd/mm/yyyy and billing.day as yyyy-mm-dd.');
  expect(m?.left?.sql).toBe(`CAST(try_strptime(trim("day"), '%d/%m/%Y') AS DATE)`);
  expect(m?.after.leftMatched).toBe(3);
  expect(m?.example).toEqual({ left: '01/02/2026', right: '2026-02-01' });
});
