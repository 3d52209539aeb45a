export { findPgBin, freePort, type PgCluster, spawnCollect, startPostgres } from './postgres.js';
export { tempDir } from './temp.js';
