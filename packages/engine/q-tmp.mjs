import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create('/work/main/bench/data/workspace-10M-v1/sightline.duckdb', { access_mode: 'READ_ONLY' });
const c = await db.connect();
console.log((await c.runAndReadAll(process.argv[2])).getRows());
