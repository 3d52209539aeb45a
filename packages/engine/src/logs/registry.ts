import { SightlineError } from '../errors.js';
import { combinedLogFormat, commonLogFormat } from './formats/access-log.js';
import { cloudTrailLogFormat } from './formats/cloudtrail.js';
import { criLogFormat } from './formats/cri.js';
import { dockerJsonLogFormat } from './formats/docker-json.js';
import { jsonLinesLogFormat } from './formats/json-lines.js';
import { logfmtLogFormat } from './formats/logfmt.js';
import { syslog3164LogFormat } from './formats/syslog-3164.js';
import { syslog5424LogFormat } from './formats/syslog-5424.js';
import type { LogFormat } from './log-format.js';

/** The log formats an import can use, in order of preference when two read a sample equally well. */
export class LogFormatRegistry {
  readonly #formats: LogFormat[] = [];

  /** Adds a format; a later format with the same id replaces the earlier one (in its place). */
  register(format: LogFormat): this {
    const i = this.#formats.findIndex((f) => f.id === format.id);
    if (i >= 0) this.#formats[i] = format;
    else this.#formats.push(format);
    return this;
  }

  /** Every registered format, in preference order. */
  list(): readonly LogFormat[] {
    return this.#formats;
  }

  /** The format with this id; a usage error naming the known ids otherwise. */
  get(id: string): LogFormat {
    const f = this.#formats.find((x) => x.id === id.trim().toLowerCase());
    if (f) return f;
    throw new SightlineError(`"${id}" isn't a log format Sightline knows.`, {
      kind: 'usage',
      hints: [`Use one of: ${this.#formats.map((x) => x.id).join(', ')}.`],
    });
  }
}

/** A registry with the built-in formats (specific ones first: a Docker line is also a JSON line, a CRI line an ISO syslog line). */
export function builtInLogFormats(): LogFormatRegistry {
  return new LogFormatRegistry()
    .register(combinedLogFormat)
    .register(commonLogFormat)
    .register(syslog5424LogFormat)
    .register(criLogFormat)
    .register(syslog3164LogFormat)
    .register(dockerJsonLogFormat)
    .register(cloudTrailLogFormat)
    .register(jsonLinesLogFormat)
    .register(logfmtLogFormat);
}
