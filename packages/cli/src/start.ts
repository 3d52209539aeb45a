import { Workspace } from '@sightline/engine';
import { main } from './main.js';

/**
 * `npm start`: until the web workbench lands, opens the default workspace, creates the sample data on first use,
 * and prints what to try.
 */
async function start(): Promise<void> {
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  const dir = Workspace.defaultDir(process.env);
  const ws = await Workspace.open(dir);
  const empty = (await ws.engine.tables()).length === 0;
  await ws.close();
  if (empty) {
    process.stdout.write(`Creating the sample workspace in ${dir} ...\n`);
    const code = await main(['sample', '--workspace', dir, '--format', 'table'], io);
    if (code !== 0) {
      process.exitCode = code;
      return;
    }
  }
  process.stdout.write(`\nSightline workspace: ${dir}\n\n`);
  await main(['tables', '--workspace', dir, '--format', 'table'], io);
  process.stdout.write(`
Try these (npx runs the sightline command from this folder):
  npx sightline query "SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY n DESC"
  npx sightline describe users
  npx sightline import path/to/your-export.csv
  npx sightline query "SELECT * FROM 'path/to/file.csv' LIMIT 10"
  npx sightline export "SELECT * FROM users WHERE plan = 'pro'" --to pro-users.xlsx
  npx sightline --help

The web workbench is on its way; for now everything above works from the terminal.
`);
}

await start();
