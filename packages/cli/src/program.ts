import { Command, CommanderError, Option } from 'commander';
import { abtestCommand } from './commands/abtest.js';
import { activeCommand } from './commands/active.js';
import { describeCommand, rejectsCommand, tablesCommand } from './commands/catalog.js';
import { connectCommand, connectionsCommand } from './commands/connections.js';
import { explainCommand } from './commands/explain.js';
import { exportCommand } from './commands/export.js';
import { funnelCommand } from './commands/funnel.js';
import { collect, httpCommand } from './commands/http.js';
import { importCommand } from './commands/import.js';
import { openCommand } from './commands/open.js';
import { queryCommand } from './commands/query.js';
import { retentionCommand } from './commands/retention.js';
import { sampleCommand } from './commands/sample.js';
import { workspacesCommand } from './commands/workspaces.js';
import type { CliContext, CliIO } from './context.js';

const GLOBAL_HELP = `
Global options (accepted anywhere on the line):
  --workspace DIR   the workspace folder (default: $SIGHTLINE_WORKSPACE or ~/.sightline/default)
  --format F        table | csv | json | ndjson | markdown (default: table on a terminal, ndjson otherwise)
  --debug           show internal details when something fails

Exit codes: 0 done, 1 your input needs fixing, 2 wrong usage, 3 internal fault.`;

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** Builds the commander program; `ctx` is created lazily by `getCtx` once a command runs. */
export function buildProgram(io: CliIO, getCtx: () => CliContext): Command {
  const program = new Command('sightline')
    .description('Sightline: import your data, ask questions in SQL, and get product numbers you can trust.')
    .usage('<command> [options]')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {},
    })
    .addHelpText(
      'after',
      `${GLOBAL_HELP}${examples(
        'sightline sample',
        'sightline import "Q3 Revenue (final).csv"',
        'sightline tables',
        'sightline query "SELECT country, count(*) AS users FROM users GROUP BY 1 ORDER BY 2 DESC"',
        'sightline export "SELECT * FROM users WHERE plan = \'pro\'" --to pro-users.xlsx',
      )}`,
    );

  const sub = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        outputError: () => {},
      })
      .helpOption('-h, --help', 'show help');

  sub('open', 'serve the web workbench for this workspace and open it in the browser')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1: only this computer)')
    .option('--no-browser', 'print the link without opening a browser')
    .addHelpText(
      'after',
      `${examples('sightline open', 'sightline open --port 8765 --no-browser')}
--host 0.0.0.0 lets other computers reach the workbench (and your data) with the link: only on a network you trust.\n`,
    )
    .action((opts) => openCommand(getCtx(), opts));

  sub('import', 'import files (or a folder, or a glob) into workspace tables')
    .argument('<path...>', 'files, folders or globs (e.g. "exports/*.csv")')
    .option('--as <name>', 'table name (default: from the file name)')
    .addOption(
      new Option('--mode <mode>', 'if the table exists')
        .choices(['create', 'replace', 'append'])
        .default('create'),
    )
    .addOption(
      new Option('--input-format <format>', 'file format')
        .choices(['auto', 'csv', 'tsv', 'json', 'ndjson', 'parquet', 'xlsx', 'log'])
        .default('auto'),
    )
    .option('--sheet <sheet>', 'Excel sheet name or number (default: the first)')
    .option('--header-row <n>', 'Excel row that holds the column names (default: 1)')
    .option('--strict', 'fail on the first row that does not fit')
    .option('--max-rejects <n>', 'fail when more rows than this do not fit (default: 10% of the rows)')
    .option('--delimiter <char>', 'CSV field separator (default: detected); use "\\t" for tab')
    .option('--no-header', 'the first CSV line is data, not column names')
    .option('--encoding <name>', 'text encoding (default: detected): utf-8, utf-16, windows-1252, latin-1')
    .option(
      '--type <column=TYPE...>',
      'force a column type, e.g. --type zip=VARCHAR --type amount=DECIMAL(12,2)',
    )
    .option('--flatten', 'JSON: turn nested objects into columns (a.b -> a_b)')
    .option(
      '--log-format <id>',
      'logs: read as this format (combined, common, syslog, syslog5424, cri, docker, cloudtrail, jsonl, logfmt)',
    )
    .addHelpText(
      'after',
      examples(
        'sightline import orders.csv',
        'sightline import "exports/2026-*.csv" --as orders --mode append',
        'sightline import budget.xlsx --sheet "Q3" --header-row 2',
        'sightline import export.csv --type zip=VARCHAR --max-rejects 0',
      ),
    )
    .action((paths: string[], opts) => importCommand(getCtx(), paths, opts));

  sub('tables', 'list tables: table, rows, columns')
    .option('--on <connection>', 'list the tables of a live database instead')
    .addHelpText('after', examples('sightline tables', 'sightline tables --on prod --format csv'))
    .action((opts) => tablesCommand(getCtx(), opts));

  sub('rejects', 'the rows rejected when TABLE was imported: file, line, column, reason, raw text')
    .argument('<table>', 'a table you imported')
    .addHelpText('after', examples('sightline rejects orders'))
    .action((table: string) => rejectsCommand(getCtx(), table));

  sub('describe', 'columns of a table with type, nulls, distinct values, min, max and top values')
    .argument('<table>', 'table name')
    .option('--on <connection>', 'describe a table of a live database')
    .addHelpText('after', examples('sightline describe events', 'sightline describe public.orders --on prod'))
    .action((table: string, opts) => describeCommand(getCtx(), table, opts));

  sub('query', "run SQL on the workspace (files may be named in FROM, e.g. FROM 'events.csv')")
    .argument('[sql]', 'the SQL to run')
    .option('-f, --file <file.sql>', 'read the SQL from a file')
    .option('--on <connection>', 'run on a live database (pushed down, nothing is copied)')
    .option('--timeout <seconds>', 'stop the query after this long (e.g. 30, 5m)')
    .addHelpText(
      'after',
      examples(
        'sightline query "SELECT event, count(*) FROM events GROUP BY event"',
        'sightline query -f weekly.sql --format csv > weekly.csv',
        'sightline query "SELECT * FROM \'downloads/report.csv\' LIMIT 10"',
        'sightline query --on prod "SELECT count(*) FROM orders"',
      ),
    )
    .action((sql: string | undefined, opts) => queryCommand(getCtx(), sql, opts));

  sub('explain', 'what a query does, clause by clause, in plain English')
    .argument('[sql]', 'the SQL to explain')
    .option('-f, --file <file.sql>', 'read the SQL from a file')
    .addHelpText(
      'after',
      examples(
        'sightline explain "SELECT plan, count(*) FROM users WHERE country = \'DE\' GROUP BY plan"',
        'sightline explain -f weekly.sql',
        'sightline retention --from events --start signup --sql > r.sql && sightline explain -f r.sql',
      ),
    )
    .action((sql: string | undefined, opts) => explainCommand(getCtx(), sql, opts));

  sub('export', 'write a table or a query result to csv / parquet / json / xlsx (chosen by extension)')
    .argument('<table-or-sql>', 'a table name or a SELECT')
    .option('--to <path>', 'the file to write')
    .addHelpText(
      'after',
      examples(
        'sightline export events --to events.parquet',
        'sightline export "SELECT * FROM users LIMIT 100" --to users.xlsx',
      ),
    )
    .action((source: string, opts) => exportCommand(getCtx(), source, opts));

  sub('http', 'call a web API: the body to stdout, status and timings to stderr; or save its rows as a table')
    .argument('<method>', 'GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS')
    .argument('<url>', 'the address; {{variables}} come from --env')
    .option('-H, --header <header>', "a header, 'Name: value' (repeatable)", collect)
    .option('-d, --data <body>', 'the body (JSON, a=1&b=2, or text); @file reads a file, @- standard input')
    .option('--env <name>', 'fill {{variables}} from this HTTP environment')
    .option('--as <table>', 'save the rows of the JSON answer as this table instead of printing it')
    .option('--array <path>', 'with --as: the array to save, e.g. $.data (default: suggested)')
    .option('--mode <mode>', 'with --as: if the table exists, create (refuse), replace or append')
    .option('--paginate', 'with --as: follow the pages (Link header, next cursor, page or offset)')
    .option('--max-pages <n>', 'with --paginate: stop after this many pages (default 20)')
    .option('--fail', 'exit 1 when the answer is 4xx or 5xx (like curl --fail)')
    .addHelpText(
      'after',
      examples(
        "sightline http GET https://api.github.com/repos/duckdb/duckdb -H 'Accept: application/json'",
        'sightline http POST \'{{base_url}}/pets\' --env staging -d \'{"name": "Rex"}\'',
        'sightline http GET https://api.example.com/v1/orders --as orders --paginate --max-pages 50',
      ),
    )
    .action((method: string, url: string, opts) => httpCommand(getCtx(), method, url, opts));

  sub('connect', 'save a live database connection (the password is kept private)')
    .argument('<name>', 'a short name to use with --on')
    .argument('<url>', 'postgres://user[:password]@host:5432/database')
    .addHelpText(
      'after',
      `${examples('sightline connect prod postgres://analyst@db.internal:5432/app', 'PGPASSWORD=... sightline query --on prod "SELECT 1"')}
The password may also come from PGPASSWORD or ~/.pgpass; it is never printed.\n`,
    )
    .action((name: string, url: string) => connectCommand(getCtx(), name, url));

  sub('connections', 'list saved connections (passwords hidden)')
    .addHelpText('after', examples('sightline connections'))
    .action(() => connectionsCommand(getCtx()));

  sub('sample', 'create the sample SaaS dataset (users, events, subscriptions, an A/B test, logs)')
    .option('--scale <factor>', 'size relative to the full sample (default 1: ~1M events)')
    .addHelpText('after', examples('sightline sample', 'sightline sample --workspace ./demo'))
    .action((opts) => sampleCommand(getCtx(), opts));

  sub('workspaces', 'list workspaces (folders of data) next to the current one')
    .addHelpText(
      'after',
      examples('sightline workspaces', 'sightline tables --workspace ~/.sightline/q3-review'),
    )
    .action(() => workspacesCommand(getCtx()));

  const metric = (name: string, description: string) =>
    sub(name, description)
      .option('--from <table>', 'the events: a table, a file, or (with --on) a table of a live database')
      .option('--since <date>', 'first day to count, YYYY-MM-DD (local midnight in --tz)')
      .option('--until <date>', 'day after the last one to count, YYYY-MM-DD (the range is [since, until))')
      .option(
        '--tz <zone>',
        'time zone for calendar days, weeks and months (default UTC), e.g. Europe/Berlin',
      )
      .option('--actor-col <column>', 'the user (actor) id column (default: detected)')
      .option('--event-col <column>', 'the event name column (default: detected)')
      .option('--time-col <column>', 'the event time column (default: detected; epoch seconds/ms work too)')
      .option('--on <connection>', 'compute it inside a live database (pushed down)')
      .option('--sql', 'print the SQL instead of running it');

  metric('funnel', 'how many users go through a sequence of events, and where they drop off')
    .option('--steps <a,b,c>', 'the events of each step, in order (2 to 20)')
    .option(
      '--window <duration>',
      'time allowed from the first step to the last: 30m, 12h, 14d, 2w (default 14d)',
    )
    .addOption(
      new Option('--order <order>', 'ordered (default), strict (nothing in between) or any').choices([
        'ordered',
        'strict',
        'any',
      ]),
    )
    .addOption(
      new Option('--anchor <anchor>', 'which first-step event may start (default any_entry)').choices([
        'any_entry',
        'first_entry',
      ]),
    )
    .option('--by <column>', 'break down by a column (its value on the first step)')
    .option('--exclude <EVENT:FROM:TO...>', 'drop users with EVENT between step FROM and step TO')
    .option('--tiebreak <column>', 'orders events with the same time (e.g. an event id)')
    .addHelpText(
      'after',
      examples(
        'sightline funnel --from events --steps signup,project_created,invite_sent',
        'sightline funnel --from events --steps signup,upgrade --window 30d --by country',
        'sightline funnel --from events --steps signup,project_created --sql',
      ),
    )
    .action((opts) => funnelCommand(getCtx(), opts));

  metric('retention', 'of the users who started in a period, how many came back in each later period')
    .option('--start <event>', 'the event that puts a user in a cohort (e.g. signup)')
    .option('--return <event>', 'the event that counts as coming back (default: any)')
    .addOption(
      new Option('--period <period>', 'cohort and return period (default week)').choices([
        'day',
        'week',
        'month',
      ]),
    )
    .option('--periods <n>', 'how many periods after the cohort to show (default 8)')
    .addOption(
      new Option('--cohort <kind>', 'first_time (default) or recurring').choices(['first_time', 'recurring']),
    )
    .addOption(new Option('--criterion <rule>', 'on (default) or on_or_after').choices(['on', 'on_or_after']))
    .addHelpText(
      'after',
      examples(
        'sightline retention --from events --start signup',
        'sightline retention --from events --start signup --return project_created --period month --periods 6',
      ),
    )
    .action((opts) => retentionCommand(getCtx(), opts));

  metric('active', 'daily, weekly and monthly active users and stickiness (DAU / MAU), per day')
    .option('--event <event>', 'count only this event (default: any event)')
    .addOption(
      new Option('--histogram <period>', 'stickiness histogram per week (default) or month').choices([
        'week',
        'month',
      ]),
    )
    .addHelpText(
      'after',
      examples(
        'sightline active --from events',
        'sightline active --from events --event project_created --since 2026-09-01',
      ),
    )
    .action((opts) => activeCommand(getCtx(), opts));

  metric('abtest', 'did the experiment win? compares a metric between variants with honest statistics')
    .option('--variant <column>', "the column naming each user's variant")
    .option('--metric <column>', "the column with each user's result: 0/1 for a conversion, or a number")
    .option('--assignments <table>', 'who got which variant and when (with --from EVENTS and --goal EVENT)')
    .option('--goal <event>', 'with --assignments: a user converts with this event after their assignment')
    .option(
      '--window <duration>',
      'with --assignments: the goal counts only this long after assignment, e.g. 14d',
    )
    .option('--control <variant>', 'the control variant (default: "control" if there is one, else the first)')
    .option('--confidence <level>', 'confidence level of the intervals (default 0.95)')
    .addHelpText(
      'after',
      `${examples('sightline abtest --from checkout_results --variant variant --metric converted', 'sightline abtest --from orders_by_user --variant arm --metric revenue --control A', 'sightline abtest --from events --assignments experiment_assignments --goal checkout_completed')}
The table has one row per user, or (with --assignments) the events and an assignment table. It uses Welch's
t-test and checks the split (sample-ratio mismatch) first.\n`,
    )
    .action((opts) => abtestCommand(getCtx(), opts));

  return program;
}

/** True when commander stopped because help or the version was printed (not an error). */
export function isHelpExit(err: unknown): boolean {
  return (
    err instanceof CommanderError &&
    (err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.help' ||
      err.code === 'commander.version')
  );
}
