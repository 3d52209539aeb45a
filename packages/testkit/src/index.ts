export { findPgBin, freePort, type PgCluster, spawnCollect, startPostgres } from './postgres.js';
export { tempDir } from './temp.js';
export { openTwinEngines, type TwinEngines } from './twin-engines.js';
