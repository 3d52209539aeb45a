import { describe, expect, test } from 'vitest';
import { isSightlineError } from '../errors.js';
import { redactUrl } from './redact.js';
import { validateConnectionUrl } from './registry.js';

describe('redactUrl', () => {
  test('hides the password and keeps everything else', () => {
    expect(redactUrl('postgres://ann:s3cr%27t@db.example.com:5432/app')).toBe(
      'postgres://ann:***@db.example.com:5432/app',
    );
    expect(redactUrl('postgresql://ann:p@ss@host/db?sslmode=require')).toBe(
      'postgresql://ann:***@host/db?sslmode=require',
    );
    expect(redactUrl('postgres://host/db?user=ann&password=hunter2&x=1')).toBe(
      'postgres://host/db?user=ann&password=***&x=1',
    );
  });

  test('leaves URLs without a password alone', () => {
    expect(redactUrl('postgres://ann@host:5433/db')).toBe('postgres://ann@host:5433/db');
    expect(redactUrl('postgres://host/db')).toBe('postgres://host/db');
  });
});

describe('validateConnectionUrl', () => {
  test('accepts postgres:// and postgresql:// URLs, trimmed', () => {
    expect(validateConnectionUrl('  postgres://ann@host:5432/db ')).toBe('postgres://ann@host:5432/db');
    expect(validateConnectionUrl('postgresql://host/db')).toBe('postgresql://host/db');
  });

  test('rejects other schemes, missing hosts and bad ports with a usage error that hides the password', () => {
    const fails = (url: string) => {
      try {
        validateConnectionUrl(url);
      } catch (err) {
        if (!isSightlineError(err)) throw err;
        return { message: err.message, kind: err.kind };
      }
      throw new Error(`accepted ${url}`);
    };
    expect(fails('mysql://ann:pw@host/db')).toEqual({
      message: "Sightline can't tell which database this URL is for (mysql://).",
      kind: 'usage',
    });
    expect(fails('postgres:///db')).toEqual({
      message: 'The connection URL "postgres:///db" names no host.',
      kind: 'usage',
    });
    expect(fails('postgres://ann:topsecret@/db')).toEqual({
      message: '"postgres://ann:***@/db" is not a valid connection URL.',
      kind: 'usage',
    });
    expect(fails('postgres://ann:topsecret@host:0/db').message).toBe(
      'The port in "postgres://ann:***@host:0/db" is not a valid port number.',
    );
    expect(fails('not a url').kind).toBe('usage');
  });
});
