import { Workspace } from '@sightline/engine';
import { findRunningServer } from '@sightline/server';
import { main } from './main.js';

/**
 * `npm start`: opens the default workspace (or $SIGHTLINE_WORKSPACE), creates the sample data on first use, and
 * serves the web workbench (`sightline open`).
 */
async function start(): Promise<void> {
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  const dir = Workspace.defaultDir(process.env);
  const running = findRunningServer(dir);
  if (running) {
    process.stderr.write(`Sightline is already serving ${dir}: ${running.url}?token=${running.token}\n`);
    return;
  }
  const ws = await Workspace.open(dir);
  const empty = (await ws.engine.tables()).length === 0;
  await ws.close();
  if (empty) {
    process.stderr.write(`Creating the sample workspace in ${dir} (a made-up SaaS product to explore) ...\n`);
    const code = await main(['sample', '--workspace', dir, '--format', 'table'], io);
    if (code !== 0) {
      process.exitCode = code;
      return;
    }
  }
  process.stderr.write(`\nThe same data works from the terminal too: npx sightline --help\n\n`);
  process.exitCode = await main(['open', '--workspace', dir, ...process.argv.slice(2)], io);
}

await start();
