import { Rng } from '../sample/prng.js';

type Line = (r: Rng) => string;

const HEX = '0123456789abcdef';
const hex = (r: Rng, n: number) => Array.from({ length: n }, () => HEX[r.int(16)]).join('');
const id = (r: Rng) => `${'abcdef'[r.int(6)]}${r.int(10)}${hex(r, 10)}`;
const uuid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const ip = (r: Rng) => `${10 + r.int(200)}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
const n = (r: Rng, max = 10_000) => r.int(max);
const dec = (r: Rng) => (r.int(10_000) / 10).toFixed(1);
const pick = <T>(r: Rng, xs: readonly T[]) => xs[r.int(xs.length)]!;

/** ~30 log line templates: each makes a line with random variables, beside the template Drain should find. */
export const CORPUS: [Line, string][] = [
  [(r) => `user ${n(r)} logged in from ${ip(r)}`, 'user <NUM> logged in from <IP>'],
  [(r) => `user ${n(r)} logged out after ${n(r, 90)} minutes`, 'user <NUM> logged out after <NUM> minutes'],
  [(r) => `session ${uuid(r)} started for account ${n(r)}`, 'session <UUID> started for account <NUM>'],
  [(r) => `session ${uuid(r)} expired`, 'session <UUID> expired'],
  [
    (r) => `payment ${id(r)} failed: card declined (code ${n(r, 60)})`,
    'payment <HEX> failed: card declined (code <NUM>)',
  ],
  [(r) => `payment ${id(r)} succeeded in ${n(r, 900)}ms`, 'payment <HEX> succeeded in <NUM>ms'],
  [
    (r) => `connection to db-${n(r, 9)} timed out after ${dec(r)}s`,
    'connection to db-<NUM> timed out after <NUM>s',
  ],
  [
    (r) => `GET /api/projects/${n(r)} returned ${pick(r, [200, 200, 304])} in ${n(r, 400)}ms`,
    'GET /api/projects/<NUM> returned <NUM> in <NUM>ms',
  ],
  [
    (r) => `POST /api/reports/${n(r)}/export queued job ${id(r)}`,
    'POST /api/reports/<NUM>/export queued job <HEX>',
  ],
  [(r) => `cache miss for key "${pick(r, ['user', 'team', 'plan'])}:${n(r)}"`, 'cache miss for key <STR>'],
  [(r) => `cache hit ratio ${dec(r)}%`, 'cache hit ratio <NUM>%'],
  [
    (r) =>
      `worker ${n(r, 16)} picked up task ${pick(r, ['resize', 'thumbnail', 'email', 'export'])} from queue ${pick(r, ['default', 'priority'])}`,
    'worker <NUM> picked up task <*> from queue <*>',
  ],
  [
    (r) =>
      `worker ${n(r, 16)} finished task ${pick(r, ['resize', 'thumbnail', 'email', 'export'])} in ${n(r)}ms`,
    'worker <NUM> finished task <*> in <NUM>ms',
  ],
  [
    (r) => `rate limit exceeded for ${ip(r)} on /api/${pick(r, ['search', 'export', 'login', 'events'])}`,
    'rate limit exceeded for <IP> on <*>',
  ],
  [(r) => `Disk usage at ${n(r, 100)}% on /dev/sd${pick(r, ['a', 'b', 'c'])}`, 'Disk usage at <NUM>% on <*>'],
  [
    (r) =>
      `email sent to ${pick(r, ['ana', 'bo', 'chen', 'dara'])}@example.com with template ${pick(r, ['welcome', 'reset', 'invoice'])}`,
    'email sent to <*> with template <*>',
  ],
  [
    (r) => `scheduled backup completed: ${n(r)} files, ${dec(r)} MB`,
    'scheduled backup completed: <NUM> files, <NUM> MB',
  ],
  [() => 'health check ok', 'health check ok'],
  [
    (r) =>
      `health check failed for ${pick(r, ['billing', 'search', 'auth'])}: ${pick(r, ['timeout', 'refused', 'unreachable'])}`,
    'health check failed for <*> <*>',
  ],
  [
    (r) => `application started in ${dec(r)} seconds (profile ${pick(r, ['prod', 'staging', 'dev'])})`,
    'application started in <NUM> seconds (profile <*>',
  ],
  [() => 'Received SIGTERM, shutting down gracefully', 'Received SIGTERM, shutting down gracefully'],
  [
    (r) => `Retrying request ${uuid(r)} (attempt ${1 + n(r, 4)} of 5)`,
    'Retrying request <UUID> (attempt <NUM> of <NUM>)',
  ],
  [
    (r) =>
      `Slow query took ${n(r)}ms: SELECT * FROM ${pick(r, ['orders', 'users', 'events'])} WHERE id = ${n(r)}`,
    'Slow query took <NUM>ms: SELECT * FROM <*> WHERE id = <NUM>',
  ],
  [
    (r) => `config reloaded from /etc/app/${pick(r, ['db', 'cache', 'flags'])}.yaml`,
    'config reloaded from <*>',
  ],
  [(r) => `token refreshed for client ${id(r)}`, 'token refreshed for client <HEX>'],
  [
    (r) => `upload of ${n(r, 1e9)} bytes to bucket ${pick(r, ['media', 'exports', 'backups'])} finished`,
    'upload of <NUM> bytes to bucket <*> finished',
  ],
  [
    (r) => `websocket ${n(r)} closed with code ${pick(r, [1000, 1001, 1006])}`,
    'websocket <NUM> closed with code <NUM>',
  ],
  [
    (r) =>
      `feature flag "${pick(r, ['new-checkout', 'dark-mode'])}" evaluated to ${pick(r, ['true', 'false'])} for user ${n(r)}`,
    'feature flag <STR> evaluated to <*> for user <NUM>',
  ],
  [
    (r) =>
      `order ${n(r)} shipped to ${pick(r, ['DE', 'US', 'GB', 'FR'])} via ${pick(r, ['ups', 'dhl', 'fedex'])}`,
    'order <NUM> shipped to <*> via <*>',
  ],
  [
    (r) =>
      `Exception in thread "main" java.lang.${pick(r, ['IllegalStateException', 'NullPointerException'])}: ${n(r)}`,
    'Exception in thread <STR> <*> <NUM>',
  ],
];

/** `count` lines from the corpus (deterministic for a seed), each with the index of its template. */
export function corpusLines(count: number, seed = 42): { line: string; template: number }[] {
  const r = new Rng(seed);
  return Array.from({ length: count }, () => {
    const template = r.int(CORPUS.length);
    return { line: CORPUS[template]![0](r), template };
  });
}
