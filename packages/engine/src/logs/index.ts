// Curated exports of this area.
export { detectLogFormat, type LogCandidate, type LogDetection } from './detect.js';
export { fileIsGzip, readLines, sampleLines } from './line-source.js';
export type {
  LogColumn as LogFormatColumn,
  LogFormat,
  LogObject,
  LogOpenContext,
  LogParser,
  LogSink,
  LogValue,
} from './log-format.js';
export { builtInLogFormats, LogFormatRegistry } from './registry.js';
