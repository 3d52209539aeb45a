import { DAY, type SampleClock } from './clock.js';
import { type Rng, Weighted } from './prng.js';

/** Lines in the access log at scale 1. */
export const ACCESS_LOG_LINES = 50_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** nginx `$time_local` for a UTC server: `31/Oct/2026:13:55:36 +0000`. */
export function nginxTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} +0000`;
}

// nginx writes `"`, `\`, control bytes and bytes >= 0x7f of a request line or header as \xHH (escape=default).
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Linux; Android 13; Redmi Note 12 \\xE2\\x84\\xA2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (compatible; \\x22Caf\\xC3\\xA9Reader\\x22/2.1; +https://reader.example/bot)',
];
const TOOLS = ['curl/8.5.0', 'python-requests/2.32.3', 'Go-http-client/2.0', 'PostmanRuntime/7.42.0'];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
];
const SCANNER = 'Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)';

type Kind = 'page' | 'asset' | 'api' | 'bot' | 'scan' | 'health' | 'odd';
const KINDS = new Weighted<Kind>([
  ['page', 30],
  ['asset', 25],
  ['api', 33],
  ['bot', 5],
  ['scan', 2.5],
  ['health', 4],
  ['odd', 0.5],
]);
const PAGES = [
  '/',
  '/pricing',
  '/features',
  '/signup',
  '/app',
  '/app/projects',
  '/app/projects/{id}',
  '/app/reports/{id}',
  '/blog/caf%C3%A9-metrics-%C3%BCber-alles',
  '/search?q=%E6%9D%B1%E4%BA%AC+retention',
  '/docs/\\xC3\\xA9t\\xC3\\xA9-guide',
  '/app/search?q=\\x22weekly active\\x22',
];
const ASSETS = [
  '/assets/app.3f9c2a1b.js',
  '/assets/vendor.91d0e7c4.js',
  '/assets/app.5e2d11aa.css',
  '/favicon.ico',
];
const API = new Weighted<readonly [string, string, readonly (readonly [number, number])[]]>([
  [
    [
      'GET',
      '/api/v1/projects',
      [
        [200, 90],
        [401, 4],
        [500, 2],
        [502, 1],
        [503, 1],
        [304, 2],
      ],
    ],
    30,
  ],
  [
    [
      'GET',
      '/api/v1/projects/{id}/reports',
      [
        [200, 85],
        [404, 8],
        [403, 3],
        [500, 2],
        [504, 2],
      ],
    ],
    25,
  ],
  [
    [
      'POST',
      '/api/v1/events',
      [
        [202, 93],
        [400, 4],
        [413, 1],
        [429, 2],
      ],
    ],
    25,
  ],
  [
    [
      'PUT',
      '/api/v1/projects/{id}',
      [
        [200, 88],
        [409, 5],
        [422, 5],
        [500, 2],
      ],
    ],
    10,
  ],
  [
    [
      'DELETE',
      '/api/v1/reports/{id}',
      [
        [204, 90],
        [404, 8],
        [500, 2],
      ],
    ],
    5,
  ],
  [
    [
      'POST',
      '/api/v1/checkout',
      [
        [201, 80],
        [402, 12],
        [502, 8],
      ],
    ],
    5,
  ],
]);
const SCANS = [
  '/wp-login.php',
  '/.env',
  '/phpmyadmin/index.php',
  '/.git/config',
  '/cgi-bin/luci;stok=/locale',
];
const ODD = [
  '\\x16\\x03\\x01\\x00\\xF1\\x01\\x00\\x00\\xED\\x03\\x03',
  'GET /app/projects/42/../../etc/passwd HTTP/1.1',
  'GET /search?q=\\x22;DROP TABLE users;-- HTTP/1.1',
];

interface Client {
  ip: string;
  agent: string;
}

function makeClients(rng: Rng, count: number): Client[] {
  const clients: Client[] = [];
  for (let i = 0; i < count; i++) {
    const ip = rng.chance(0.08)
      ? `2001:db8:${rng.int(65536).toString(16)}::${rng.int(65536).toString(16)}`
      : `${rng.between(1, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.between(1, 254)}`;
    clients.push({ ip, agent: rng.chance(0.9) ? rng.pick(BROWSERS) : rng.pick(TOOLS) });
  }
  return clients;
}

function pick<T>(rng: Rng, weighted: readonly (readonly [T, number])[]): T {
  return new Weighted(weighted).sample(rng);
}

function bytes(rng: Rng, status: number, typical: number): number {
  if (status === 204 || status === 304) return 0;
  return Math.max(0, Math.round(typical * Math.exp(0.6 * rng.normal())));
}

/** An nginx "combined" access log of the last two days of the sample, oldest line first. */
export function accessLogLines(rng: Rng, clock: SampleClock, scale: number): string[] {
  const count = Math.max(50, Math.round(ACCESS_LOG_LINES * scale));
  const clients = makeClients(rng, Math.max(20, Math.round(count / 60)));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const day = clock.end / DAY - 1 - rng.int(2);
    times.push(Math.min(clock.end - 1, Math.max(clock.end - 2 * DAY, clock.momentOn(rng, day, -5))));
  }
  times.sort((a, b) => a - b);
  const id = () => String(rng.between(1, 9999));
  return times.map((t) => {
    const client = rng.pick(clients);
    let { ip, agent } = client;
    let user = '-';
    let request: string;
    let status = 200;
    let size: number;
    let referer = '-';
    const kind = KINDS.sample(rng);
    if (kind === 'page') {
      request = `GET ${rng.pick(PAGES).replace('{id}', id())} HTTP/2.0`;
      status = pick(rng, [
        [200, 90],
        [304, 5],
        [404, 3],
        [500, 1],
        [301, 1],
      ]);
      size = bytes(rng, status, 14_000);
      if (rng.chance(0.4))
        referer = rng.pick([
          'https://www.google.com/',
          'https://sightline.example/',
          'https://news.ycombinator.com/',
        ]);
    } else if (kind === 'asset') {
      request = `GET ${rng.pick(ASSETS)} HTTP/2.0`;
      status = rng.chance(0.35) ? 304 : 200;
      size = bytes(rng, status, 120_000);
      referer = 'https://sightline.example/app';
    } else if (kind === 'api') {
      const [method, path, statuses] = API.sample(rng);
      request = `${method} ${path.replace('{id}', id())} HTTP/1.1`;
      status = pick(rng, statuses);
      size = bytes(rng, status, 2_500);
    } else if (kind === 'bot') {
      agent = rng.pick(BOTS);
      request = `GET ${rng.pick(PAGES.slice(0, 4))} HTTP/1.1`;
      size = bytes(rng, status, 14_000);
    } else if (kind === 'scan') {
      agent = SCANNER;
      request = `GET ${rng.pick(SCANS)} HTTP/1.1`;
      status = rng.chance(0.9) ? 404 : 403;
      size = bytes(rng, status, 150);
    } else if (kind === 'health') {
      ip = '10.0.3.17';
      agent = 'kube-probe/1.31';
      user = rng.chance(0.5) ? 'ops' : '-';
      request = 'GET /healthz HTTP/1.1';
      size = 2;
    } else {
      agent = '-';
      request = rng.pick(ODD);
      status = 400;
      size = 157;
    }
    return `${ip} - ${user} [${nginxTime(clock.startEpoch + t)}] "${request}" ${status} ${size} "${referer}" "${agent}"`;
  });
}
