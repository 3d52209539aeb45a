import { SightlineError } from '../errors.js';

/** Phases a request goes through, named as a timeout message says them. */
export type HttpPhase = 'connecting' | 'waiting for the first byte' | 'reading the body';

/** Seconds for people: 30 s, 1.5 s, 250 ms. */
export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** The error for a request that ran out of time in a phase. */
export function timeoutError(
  host: string,
  ms: number,
  phase: HttpPhase,
  which: 'connect' | 'total',
): SightlineError {
  return new SightlineError(`The request to ${host} timed out after ${formatSeconds(ms)} while ${phase}.`, {
    hints:
      which === 'connect'
        ? ['Check the address and your network; the server may be down or behind a firewall.']
        : ['The server is slow to answer; try again, or ask for less (a smaller page, a narrower filter).'],
  });
}

const CERT_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_CERT|ERR_SSL|EPROTO)/;

/** Turns a Node network error into a plain sentence naming the host, with what to do. */
export function networkError(host: string, port: string, err: unknown): SightlineError {
  if (err instanceof SightlineError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const say = (message: string, hint: string) => new SightlineError(message, { hints: [hint], cause: err });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return say(
      `The address ${host} could not be found.`,
      'Check the spelling of the host name and your internet connection.',
    );
  }
  if (code === 'ECONNREFUSED') {
    return say(
      `${host} refused the connection on port ${port}.`,
      'Check the port, and that the service is running.',
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return say(
      `${host} closed the connection before the answer was complete.`,
      'Try again; if it keeps happening, the server may be failing.',
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return say(
      `${host} can't be reached from this computer.`,
      'Check your network (VPN, firewall) and the address.',
    );
  }
  if (CERT_CODES.test(code)) {
    return say(
      `The secure connection to ${host} failed: ${e.message}.`,
      "The server's certificate can't be trusted (expired, self-signed, or for another name); Sightline always checks certificates.",
    );
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_BROTLI_DECOMPRESSION_FAILED') {
    return say(
      `The answer from ${host} says it is compressed but can't be decompressed.`,
      'The server sent a damaged body; try again.',
    );
  }
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) {
    return say(
      `${host} answered with something that isn't valid HTTP.`,
      `Check the port and whether the address should be https:// or http://.`,
    );
  }
  return say(
    `The request to ${host} failed: ${e?.message ?? String(err)}.`,
    'Check the address and your network, then try again.',
  );
}
