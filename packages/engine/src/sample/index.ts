export {
  createSampleData,
  SAMPLE_DEFAULTS,
  SAMPLE_FILES,
  type SampleOptions,
  type SampleResult,
} from './create-sample-data.js';
export { SAMPLE_TABLES } from './sample-tables.js';
