/**
 * The fixed vocabularies of the sample dataset. The generator stores small integer codes; the SQL that builds the
 * final tables turns them back into these strings (index = code).
 */

/** Countries (ISO 3166 alpha-2), their share of users, and a typical UTC offset in hours for daily rhythms. */
export const COUNTRIES: readonly (readonly [code: string, weight: number, utcOffset: number])[] = [
  ['US', 30, -6],
  ['GB', 9, 0],
  ['DE', 8, 1],
  ['IN', 8, 5.5],
  ['FR', 6, 1],
  ['CA', 5, -5],
  ['BR', 5, -3],
  ['AU', 3, 10],
  ['NL', 3, 1],
  ['ES', 3, 1],
  ['JP', 3, 9],
  ['SE', 2, 1],
  ['PL', 2, 1],
  ['MX', 2, -6],
  ['SG', 2, 8],
  ['NG', 2, 1],
  ['IT', 2, 1],
  ['KR', 2, 9],
  ['ZA', 1, 2],
  ['AR', 1, -3],
  ['NZ', 1, 12],
];

export const PLANS = ['free', 'pro', 'team'] as const;
export const PLAN_FREE = 0;
export const PLAN_PRO = 1;
export const PLAN_TEAM = 2;
/** Monthly list price per plan, in cents. */
export const PLAN_PRICE_CENTS = [0, 1900, 4900] as const;

/** Device at signup, with shares. */
export const DEVICES: readonly (readonly [string, number])[] = [
  ['desktop', 62],
  ['mobile', 31],
  ['tablet', 7],
];
export const DEVICE_MOBILE = 1;

/** Acquisition channel, share, and how much it lifts activation (added to the project_created probability). */
export const CHANNELS: readonly (readonly [name: string, weight: number, activationLift: number])[] = [
  ['organic_search', 30, 0.02],
  ['paid_search', 20, -0.08],
  ['direct', 15, 0.04],
  ['social', 12, -0.1],
  ['referral', 10, 0.14],
  ['email', 8, 0.06],
  ['partner', 5, 0.1],
];

/** Company size buckets, share, and the probability that someone who created a project invites a colleague. */
export const COMPANY_SIZES: readonly (readonly [name: string, weight: number, inviteRate: number])[] = [
  ['1', 22, 0.12],
  ['2-10', 38, 0.45],
  ['11-50', 22, 0.55],
  ['51-200', 11, 0.6],
  ['201+', 7, 0.5],
];

/** Event names; the position in this list is the event code. */
export const EVENTS = [
  'page_view',
  'signup',
  'onboarding_started',
  'onboarding_profile_completed',
  'onboarding_completed',
  'project_created',
  'invite_sent',
  'login',
  'report_viewed',
  'query_run',
  'dashboard_shared',
  'export_downloaded',
  'checkout_started',
  'checkout_completed',
  'upgrade',
  'downgrade',
  'churn',
] as const;

/** Event codes by name, for readable generator code. */
export const EV = Object.fromEntries(EVENTS.map((name, code) => [name, code])) as {
  readonly [K in (typeof EVENTS)[number]]: number;
};

/** Page paths; `{id}` is replaced by a per-row number. The position in this list is the path code. */
export const PATHS = [
  '/',
  '/pricing',
  '/features',
  '/blog/how-we-measure-retention',
  '/blog/funnels-for-humans',
  '/blog/caf\u00e9-metrics-\u00fcber-alles',
  '/customers',
  '/signup',
  '/app',
  '/app/projects',
  '/app/projects/{id}',
  '/app/reports/{id}',
  '/app/dashboards/{id}',
  '/app/settings',
  '/app/settings/billing',
  '/app/search?q=%22weekly+active%22',
  '/docs/getting-started',
] as const;

/** Path codes by path, for readable generator code. */
export const PATH = Object.fromEntries(PATHS.map((path, code) => [path, code])) as {
  readonly [K in (typeof PATHS)[number]]: number;
};

/** Marketing pages an anonymous visitor lands on, with shares. */
export const LANDING_PATHS: readonly (readonly [number, number])[] = [
  [PATH['/'], 40],
  [PATH['/pricing'], 15],
  [PATH['/features'], 15],
  [PATH['/blog/how-we-measure-retention'], 10],
  [PATH['/blog/funnels-for-humans'], 8],
  [PATH['/blog/caf\u00e9-metrics-\u00fcber-alles'], 4],
  [PATH['/customers'], 5],
  [PATH['/docs/getting-started'], 3],
];

/** In-app pages a signed-in user moves between, with shares. */
export const APP_PATHS: readonly (readonly [number, number])[] = [
  [PATH['/app'], 20],
  [PATH['/app/projects'], 18],
  [PATH['/app/projects/{id}'], 25],
  [PATH['/app/reports/{id}'], 20],
  [PATH['/app/dashboards/{id}'], 10],
  [PATH['/app/settings'], 3],
  [PATH['/app/search?q=%22weekly+active%22'], 2],
  [PATH['/docs/getting-started'], 2],
];

/** The one A/B test in the sample: a redesigned checkout page (variant B) against the current one (A). */
export const EXPERIMENT = {
  name: 'checkout_redesign',
  variants: ['A', 'B'] as const,
  /** Share of assigned users who complete checkout afterwards, per variant. */
  conversion: [0.1, 0.12] as const,
  /** The experiment starts this many days into the 120-day window and runs to its end. */
  startDay: 40,
} as const;
