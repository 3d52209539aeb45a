import { BIGINT, type DuckDBType, type DuckDBValue, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { STAGING } from './staging.js';
import {
  CHANNELS,
  COMPANY_SIZES,
  COUNTRIES,
  DEVICES,
  EVENTS,
  EXPERIMENT,
  PATHS,
  PLANS,
} from './vocabulary.js';

/** The tables of the sample, in the order they are created (the last two are its log files, imported). */
export const SAMPLE_TABLES = [
  'users',
  'events',
  'subscriptions',
  'experiment_assignments',
  'access_log',
  'app_log',
] as const;

/** Every sample table carries a comment starting with this text, so a later run knows it may replace it. */
export const SAMPLE_COMMENT_PREFIX = 'Sightline sample data';

/** How to build one visible sample table from the staged codes. */
export interface TableBuild {
  table: Exclude<(typeof SAMPLE_TABLES)[number], 'access_log' | 'app_log'>;
  comment: string;
  select: string;
  params: Record<string, DuckDBValue>;
  types: Record<string, DuckDBType>;
}

const list = (values: readonly string[]) => listValue([...values]);
const USER_ID = (col: string) => `'u_' || lpad(CAST(${col} + 1 AS VARCHAR), 6, '0')`;
const AT = (col: string) => `to_timestamp($start + ${col})`;
const tmp = (table: string) => `temp.main."${table}"`;

/** The CREATE TABLE ... AS queries (with their bound vocabularies) that turn staged codes into the sample. */
export function tableBuilds(startEpoch: number): TableBuild[] {
  const start = BigInt(startEpoch);
  const vocab = {
    countries: list(COUNTRIES.map(([c]) => c)),
    plans: list(PLANS),
    devices: list(DEVICES.map(([d]) => d)),
    channels: list(CHANNELS.map(([c]) => c)),
    sizes: list(COMPANY_SIZES.map(([s]) => s)),
    events: list(EVENTS),
    paths: list(PATHS),
    variants: list(EXPERIMENT.variants),
  };
  const L = LIST(VARCHAR);
  return [
    {
      table: 'users',
      comment: `${SAMPLE_COMMENT_PREFIX}: one row per user (signup, country, current plan, device, channel).`,
      select: `SELECT ${USER_ID('idx')} AS user_id,
  ${AT('signup_t')} AS signup_at,
  list_extract($countries, country + 1) AS country,
  list_extract($plans, plan + 1) AS plan,
  list_extract($devices, device + 1) AS device,
  list_extract($channels, channel + 1) AS acquisition_channel,
  list_extract($sizes, company_size + 1) AS company_size
FROM ${tmp(STAGING.users)} ORDER BY idx`,
      params: {
        start,
        countries: vocab.countries,
        plans: vocab.plans,
        devices: vocab.devices,
        channels: vocab.channels,
        sizes: vocab.sizes,
      },
      types: { start: BIGINT, countries: L, plans: L, devices: L, channels: L, sizes: L },
    },
    {
      table: 'events',
      comment: `${SAMPLE_COMMENT_PREFIX}: product analytics events; user_id is NULL for anonymous page views.`,
      select: `SELECT CAST(row_number() OVER (ORDER BY t, seq) AS BIGINT) AS event_id,
  ${USER_ID('"user"')} AS user_id,
  printf('anon_%08x', (CAST(anon AS BIGINT) * 2654435761) % 4294967296) AS anonymous_id,
  printf('s_%08x', (CAST("session" AS BIGINT) * 2246822519 + 40503) % 4294967296) AS session_id,
  list_extract($events, "event" + 1) AS event,
  ${AT('t')} AS ts,
  replace(list_extract($paths, path + 1), '{id}', coalesce(CAST("pathParam" AS VARCHAR), '')) AS path,
  list_extract($plans, plan + 1) AS plan,
  list_extract($countries, country + 1) AS country,
  list_extract($devices, device + 1) AS device,
  CAST("revenueCents" / 100 AS DECIMAL(10, 2)) AS revenue_usd
FROM ${tmp(STAGING.events)} ORDER BY event_id`,
      params: {
        start,
        events: vocab.events,
        paths: vocab.paths,
        plans: vocab.plans,
        countries: vocab.countries,
        devices: vocab.devices,
      },
      types: { start: BIGINT, events: L, paths: L, plans: L, countries: L, devices: L },
    },
    {
      table: 'subscriptions',
      comment: `${SAMPLE_COMMENT_PREFIX}: paid subscription periods; ended_at is NULL while one runs.`,
      select: `SELECT CAST(row_number() OVER (ORDER BY start_t, seq) AS BIGINT) AS subscription_id,
  ${USER_ID('"user"')} AS user_id,
  list_extract($plans, plan + 1) AS plan,
  CASE WHEN annual = 1 THEN 'annual' ELSE 'monthly' END AS billing_period,
  CASE WHEN end_t IS NULL THEN 'active' ELSE 'canceled' END AS status,
  ${AT('start_t')} AS started_at,
  ${AT('end_t')} AS ended_at,
  CAST(mrr_cents / 100 AS DECIMAL(10, 2)) AS mrr_usd
FROM ${tmp(STAGING.subscriptions)} ORDER BY subscription_id`,
      params: { start, plans: vocab.plans },
      types: { start: BIGINT, plans: L },
    },
    {
      table: 'experiment_assignments',
      comment: `${SAMPLE_COMMENT_PREFIX}: who saw which checkout variant, from their first pricing visit.`,
      select: `SELECT ${USER_ID('"user"')} AS user_id,
  CAST($experiment AS VARCHAR) AS experiment,
  list_extract($variants, variant + 1) AS variant,
  ${AT('t')} AS assigned_at
FROM ${tmp(STAGING.assignments)} ORDER BY t, seq`,
      params: { start, experiment: EXPERIMENT.name, variants: vocab.variants },
      types: { start: BIGINT, experiment: VARCHAR, variants: L },
    },
  ];
}
