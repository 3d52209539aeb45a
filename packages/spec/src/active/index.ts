export { compileActive } from './compile.js';
export { type ActiveDay, type ActiveResult, activeResultFromRows, type HistogramBar } from './result.js';
export { type ActiveSpec, type ActiveSpecInput, ActiveSpecSchema } from './schema.js';
