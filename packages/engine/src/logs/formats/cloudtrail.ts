import type { LogFormat } from '../log-format.js';
import { anyTime } from '../time.js';

const HEAD = /^\s*\{\s*"Records"\s*:\s*\[/;

/** AWS CloudTrail log files (`{"Records": [...]}`, often `.json.gz`): one row per record, `eventTime` as `ts`. */
export const cloudTrailLogFormat: LogFormat = {
  id: 'cloudtrail',
  label: 'AWS CloudTrail',
  detect: (sample) => {
    const head = sample.slice(0, 50).join('\n');
    return HEAD.test(head) && /"event(?:Time|Version|Source)"\s*:/.test(head) ? 1 : 0;
  },
  open: () => {
    const parts: string[] = [];
    let firstLine = 0;
    return {
      columns: null,
      messageColumn: null,
      line(text, lineNo) {
        if (firstLine === 0) firstLine = lineNo;
        parts.push(text);
        return true;
      },
      finish(sink) {
        if (parts.length === 0) return;
        const text = parts.join('\n');
        parts.length = 0;
        let doc: unknown;
        try {
          doc = JSON.parse(text);
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          sink.unmatched(firstLine, text.slice(0, 1000), `the file isn't valid JSON (${why})`);
          return;
        }
        const records = (doc as { Records?: unknown } | null)?.Records;
        if (!Array.isArray(records)) {
          sink.unmatched(firstLine, text.slice(0, 1000), 'the file has no "Records" list');
          return;
        }
        for (const r of records) {
          if (r !== null && typeof r === 'object' && !Array.isArray(r)) {
            const record = r as Record<string, unknown>;
            const ts = anyTime(record.eventTime);
            // CloudTrail has no level or message; its own fields (eventName, errorCode...) say what happened.
            sink.object(firstLine, {
              ts,
              level: null,
              message: null,
              fields: JSON.stringify(record),
              roleKeys: ts === null ? [] : ['eventTime'],
            });
          } else sink.unmatched(firstLine, JSON.stringify(r), 'a record that is not an object');
        }
      },
      warnings: () => [],
    };
  },
};
