import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type HttpEnvironment,
  type HttpHistoryEntry,
  type HttpRequestSpec,
  maskRequest,
  maskSecretsInText,
  secretStrings,
} from '@sightline/spec';
import { readJsonFile, writeJsonFile } from './json-file.js';
import type { HttpExchange } from './send.js';

/** The file of a workspace that holds the request history (mode 0600). */
export const HISTORY_FILE = 'http-history.json';

/** How many requests the history keeps. */
export const HISTORY_LIMIT = 100;

/** The last requests sent from a workspace, newest first, secrets masked. */
export class HttpHistoryStore {
  constructor(
    readonly path: string,
    readonly limit = HISTORY_LIMIT,
  ) {}

  /** The history of the workspace in `dir`. */
  static forWorkspace(dir: string): HttpHistoryStore {
    return new HttpHistoryStore(join(dir, HISTORY_FILE));
  }

  /** The entries, newest first (an unreadable file reads as empty: history is a convenience). */
  list(): HttpHistoryEntry[] {
    try {
      const data = readJsonFile(this.path, { version: 1, entries: [] }) as { entries?: unknown };
      return Array.isArray(data.entries) ? (data.entries as HttpHistoryEntry[]) : [];
    } catch {
      return [];
    }
  }

  /** Records one request and what came of it: its exchange or its error message. */
  record(
    request: HttpRequestSpec,
    environment: HttpEnvironment | undefined,
    outcome: { exchange: HttpExchange } | { error: unknown },
  ): HttpHistoryEntry {
    const secrets = secretStrings(request, environment);
    const exchange = 'exchange' in outcome ? outcome.exchange : null;
    const error =
      'error' in outcome
        ? maskSecretsInText(
            outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
            secrets,
          )
        : null;
    const entry: HttpHistoryEntry = {
      id: randomUUID(),
      at: new Date().toISOString(),
      environment: environment?.name ?? null,
      request: maskRequest(request, environment),
      status: exchange?.status ?? null,
      error,
      timings: exchange?.timings ?? null,
      size: exchange?.size ?? null,
    };
    writeJsonFile(this.path, { version: 1, entries: [entry, ...this.list()].slice(0, this.limit) });
    return entry;
  }

  /** Forgets every entry; returns how many there were. */
  clear(): number {
    const n = this.list().length;
    writeJsonFile(this.path, { version: 1, entries: [] });
    return n;
  }
}
