export { CliContext, type CliIO } from './context.js';
export { main } from './main.js';
