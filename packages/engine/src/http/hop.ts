import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import tls from 'node:tls';
import { SightlineError } from '../errors.js';
import { bareHost, privateAddressKind } from './address-policy.js';
import type { OutgoingRequest } from './outgoing.js';

/** Milliseconds of the phases of one request on its own connection (null when a phase did not happen). */
export interface HopTimings {
  dns: number | null;
  connect: number | null;
  tls: number | null;
  firstByte: number | null;
}

/** Hooks the caller uses to abort a hop in the phase it is in. */
export interface HopControl {
  phase: 'connecting' | 'waiting for the first byte' | 'reading the body';
  abort(err: Error): void;
}

/** The error for a request to a private address while private networks are refused. */
export function privateRefusal(host: string, address: string, kind: string): SightlineError {
  const where = bareHost(host) === address ? address : `${host} (${address})`;
  return new SightlineError(
    `Sightline refused to call ${where}: it is ${kind}, and this workbench can be reached from other computers.`,
    {
      hints: [
        'Requests to this computer and private networks are refused while Sightline listens beyond 127.0.0.1, so others cannot use it to reach them.',
        'If you trust everyone who can reach this workbench, set "settings": {"http": {"allowPrivateNetworks": true}} in the workspace\'s sightline.json.',
      ],
    },
  );
}

function guardedLookup(host: string, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, options, (err, address, family) => {
      if (err || allowPrivate) return (callback as (...a: unknown[]) => void)(err, address, family);
      const list: LookupAddress[] = Array.isArray(address) ? address : [{ address, family: family ?? 4 }];
      for (const a of list) {
        const kind = privateAddressKind(a.address);
        if (kind) return (callback as (e: Error) => void)(privateRefusal(host, a.address, kind));
      }
      (callback as (...a: unknown[]) => void)(null, address, family);
    });
  };
}

/**
 * Sends one request on a fresh connection and resolves when the status line and headers arrive. Measures DNS,
 * connect, TLS and first byte from the socket's events; refuses private addresses (the resolved ones and the one
 * actually connected to) unless `allowPrivate`.
 */
export function openHop(
  out: OutgoingRequest,
  opts: { allowPrivate: boolean; connectTimeoutMs: number; control: HopControl; ca?: string },
): Promise<{ res: IncomingMessage; timings: HopTimings; req: ClientRequest }> {
  const host = out.url.hostname;
  if (!opts.allowPrivate && isIP(bareHost(host))) {
    const kind = privateAddressKind(host);
    if (kind) return Promise.reject(privateRefusal(host, bareHost(host), kind));
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of out.headers) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    headers[key] =
      headers[key] === undefined
        ? value
        : `${headers[key]}${name.toLowerCase() === 'cookie' ? '; ' : ', '}${value}`;
  }
  if (out.body) headers['Content-Length'] = String(out.body.length);
  const mod = out.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let tLookup: number | null = null;
    let tConnect: number | null = null;
    let tSecure: number | null = null;
    const isTls = out.url.protocol === 'https:';
    const req = mod.request(out.url, {
      method: out.method,
      headers,
      agent: false,
      lookup: guardedLookup(host, opts.allowPrivate),
      ...(opts.ca && isTls ? { ca: [...tls.rootCertificates, opts.ca] } : {}),
    });
    opts.control.phase = 'connecting';
    opts.control.abort = (err) => req.destroy(err);
    const connectTimer = setTimeout(
      () => req.destroy(Object.assign(new Error('connect timeout'), { code: 'SIGHTLINE_CONNECT_TIMEOUT' })),
      opts.connectTimeoutMs,
    );
    const connected = () => {
      clearTimeout(connectTimer);
      opts.control.phase = 'waiting for the first byte';
    };
    req.once('socket', (socket: Socket) => {
      socket.once('lookup', () => {
        tLookup = performance.now();
      });
      socket.once('connect', () => {
        tConnect = performance.now();
        const remote = socket.remoteAddress;
        if (!opts.allowPrivate && remote) {
          const kind = privateAddressKind(remote);
          if (kind) return req.destroy(privateRefusal(host, remote, kind));
        }
        if (!isTls) connected();
      });
      socket.once('secureConnect', () => {
        tSecure = performance.now();
        connected();
      });
    });
    req.once('error', (err) => {
      clearTimeout(connectTimer);
      reject(err);
    });
    req.once('response', (res) => {
      const tFirst = performance.now();
      opts.control.phase = 'reading the body';
      opts.control.abort = (err) => res.destroy(err);
      const ready = tSecure ?? tConnect;
      resolve({
        res,
        req,
        timings: {
          dns: tLookup === null ? null : tLookup - t0,
          connect: tConnect === null ? null : tConnect - (tLookup ?? t0),
          tls: tSecure === null || tConnect === null ? null : tSecure - tConnect,
          firstByte: ready === null ? null : tFirst - ready,
        },
      });
    });
    req.end(out.body ?? undefined);
  });
}
