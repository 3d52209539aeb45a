export { importFiles } from './import-files.js';
export { previewImport } from './preview.js';
export { listRejects } from './reject-store.js';
export { tableNameFromFile } from './table-name.js';
export type {
  DetectedOptions,
  ImportMode,
  ImportOptions,
  ImportOutcome,
  ImportPreview,
  ImportProgress,
  ImportRequest,
  InputFormat,
  RejectedRow,
} from './types.js';
