import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const db = await DuckDBInstance.create(process.env.DB ?? '/work/main/bench/data/workspace-10M-v1/sightline.duckdb', { access_mode: 'READ_ONLY' });
const c = await db.connect();
for (const f of process.argv.slice(2)) {
  const sql = f.endsWith('.sql') ? readFileSync(f, 'utf8') : f;
  const ts = [];
  let n;
  for (let i = 0; i < 4; i++) { const t = performance.now(); const r = await c.runAndReadAll(sql); n = r.getRows().length; ts.push(performance.now() - t); }
  ts.sort((a,b)=>a-b);
  console.log(f.slice(0,70).replace(/\n/g,' '), 'rows', n, 'ms', ts.map(x=>x.toFixed(0)).join(' '));
}
