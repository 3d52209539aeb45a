import { connect } from 'node:net';

/** The key PostgreSQL gave a session at start-up; with it, anyone may ask the server to cancel its query. */
export interface CancelKey {
  host: string;
  port: number;
  processId: number;
  secretKey: number;
}

const CANCEL_REQUEST_CODE = 80877102;

/**
 * Sends a protocol CancelRequest on a fresh socket (what libpq's PQcancel does). Resolves once sent or failed:
 * a cancel is best effort, and the caller still waits for the query to end.
 */
export function sendCancel(key: CancelKey): Promise<void> {
  return new Promise((resolve) => {
    const packet = Buffer.alloc(16);
    packet.writeInt32BE(16, 0);
    packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
    packet.writeInt32BE(key.processId, 8);
    packet.writeInt32BE(key.secretKey, 12);
    const target = key.host.startsWith('/')
      ? { path: `${key.host}/.s.PGSQL.${key.port}` }
      : { host: key.host, port: key.port };
    const socket = connect(target, () => socket.end(packet));
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}
