/**
 * A bare HTTP/1.1 GET over a TCP socket for fault tests: it reports exactly the bytes the emulator
 * wrote before the connection ended, which fetch hides behind an error.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** 0 when the connection ended before a status line arrived. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function rawGet(baseUrl: string, path: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return resolve({ status: 0, headers: {}, body: Buffer.alloc(0) });
      const [statusLine = '', ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(split + 4) });
    });
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`rawGet ${path}: no end after 5 s`));
    });
  });
}
