import { DAY, type SampleClock } from './clock.js';
import { type Rng, Weighted } from './prng.js';
import { type SampleUser, sampleUserId } from './users.js';

/** Lines in the application log at scale 1. */
export const APP_LOG_LINES = 30_000;

type Entry = Record<string, unknown>;
type Template = (rng: Rng) => Entry;

const hex = (rng: Rng, digits: number) => {
  let s = '';
  for (let i = 0; i < digits; i++) s += rng.int(16).toString(16);
  return s;
};

const STACKS = [
  {
    type: 'TypeError',
    message: "Cannot read properties of undefined (reading 'ownerId')",
    frames: [
      'at ProjectService.assertAccess (/srv/app/dist/projects/service.js:88:31)',
      'at ProjectService.load (/srv/app/dist/projects/service.js:41:10)',
      'at async ProjectsController.show (/srv/app/dist/projects/controller.js:27:21)',
      'at async /srv/app/node_modules/hono/dist/compose.js:32:17',
    ],
    context: 'unhandled error while loading project',
  },
  {
    type: 'TimeoutError',
    message: 'payment provider did not answer within 10000 ms',
    frames: [
      'at Timeout._onTimeout (/srv/app/dist/billing/provider.js:112:18)',
      'at listOnTimeout (node:internal/timers:581:17)',
      'at process.processTimers (node:internal/timers:519:7)',
    ],
    context: 'checkout failed',
  },
  {
    type: 'QueryError',
    message: 'Binder Error: Referenced column "revenu" not found in FROM clause!',
    frames: [
      'at QueryRunner.run (/srv/app/dist/reports/query-runner.js:64:13)',
      'at async ReportRenderer.render (/srv/app/dist/reports/renderer.js:30:19)',
    ],
    context: 'report «Q3 Umsatz – Übersicht» failed to render',
  },
];

const HTTP = [
  ['GET', '/api/v1/projects'],
  ['GET', '/api/v1/projects/{id}/reports'],
  ['POST', '/api/v1/events'],
  ['PUT', '/api/v1/projects/{id}'],
  ['POST', '/api/v1/checkout'],
] as const;

const TEMPLATES = new Weighted<readonly [string, string, Template]>([
  [
    [
      'info',
      'api',
      (rng) => {
        const [method, path] = rng.pick(HTTP);
        const status = rng.chance(0.95) ? 200 : rng.pick([201, 204, 404, 409]);
        return {
          message: 'request completed',
          http: { method, path: path.replace('{id}', String(rng.between(1, 9999))), status },
          duration_ms: Math.round(20 * Math.exp(0.8 * rng.normal())),
        };
      },
    ],
    58,
  ],
  [
    [
      'debug',
      'api',
      (rng) => ({ message: 'cache miss', cache_key: `project:${rng.between(1, 9999)}:summary` }),
    ],
    6,
  ],
  [
    [
      'info',
      'worker',
      (rng) => ({
        message: 'report rendered',
        report_id: rng.between(1, 5000),
        rows: rng.int(200_000),
        duration_ms: rng.between(40, 3000),
      }),
    ],
    10,
  ],
  [['info', 'api', () => ({ message: 'user signed in', method: 'password' })], 5],
  [
    [
      'warn',
      'worker',
      (rng) => ({
        message: 'slow query',
        duration_ms: rng.between(2000, 30_000),
        sql: "SELECT date_trunc('day', ts) AS day, count(*)\nFROM events\nWHERE event = 'page_view'\nGROUP BY 1",
      }),
    ],
    5,
  ],
  [
    [
      'warn',
      'api',
      (rng) => ({ message: 'rate limit reached', limit_per_minute: 600, retry_after_s: rng.between(1, 60) }),
    ],
    2,
  ],
  [
    [
      'info',
      'mailer',
      (rng) => ({
        message: 'email sent',
        template: rng.pick(['invite', 'welcome', 'receipt']),
        to_domain: 'example.com',
      }),
    ],
    4,
  ],
  [
    [
      'info',
      'billing',
      (rng) => ({ message: 'Zoë’s invoice paid — 東京 office', amount_usd: rng.pick([19, 49, 190]) }),
    ],
    1,
  ],
  [
    [
      'error',
      'api',
      (rng) => {
        const s = rng.pick(STACKS);
        const stack = [`${s.type}: ${s.message}`, ...s.frames.map((f) => `    ${f}`)].join('\n');
        return { message: s.context, error: { type: s.type, message: s.message, stack } };
      },
    ],
    4,
  ],
]);

/** Index of the last user who signed up at or before `t` (users are sorted by signup), or -1. */
function lastUserBefore(users: readonly SampleUser[], t: number): number {
  let lo = 0;
  let hi = users.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((users[mid]?.signupT ?? 0) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * A JSON-lines application log of the last two days of the sample, oldest first: `ts`, `level`, `service`,
 * `message`, `request_id`, `user_id` (a real sample user, or null for background work), and per message type
 * fields such as `http`, `duration_ms` or `error` (with a multi-line `error.stack`).
 */
export function appLogLines(
  rng: Rng,
  clock: SampleClock,
  users: readonly SampleUser[],
  scale: number,
): string[] {
  const count = Math.max(50, Math.round(APP_LOG_LINES * scale));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const day = clock.end / DAY - 1 - rng.int(2);
    const t = Math.min(clock.end - 1, Math.max(clock.end - 2 * DAY, clock.momentOn(rng, day, -5)));
    times.push(t * 1000 + rng.int(1000));
  }
  times.sort((a, b) => a - b);
  return times.map((ms) => {
    const [level, service, template] = TEMPLATES.sample(rng);
    const known = lastUserBefore(users, Math.floor(ms / 1000));
    const user = service !== 'worker' && known >= 0 && rng.chance(0.85) ? rng.int(known + 1) : -1;
    const entry: Entry = {
      ts: new Date(clock.startEpoch * 1000 + ms).toISOString(),
      level,
      service,
      request_id: `req_${hex(rng, 16)}`,
      user_id: user >= 0 ? sampleUserId(user) : null,
      ...template(rng),
    };
    return JSON.stringify({ ts: entry.ts, level, message: entry.message, ...entry });
  });
}
