import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isSecretKey, type LoupeConfig } from '../config.ts';
import { LoupeError } from '../core/errors.ts';

/**
 * Seals credentials at rest with AES-256-GCM (node:crypto; no home-made crypto): a fresh 96-bit nonce per
 * seal, the 128-bit tag checked on open. The sealed form is `v1.<nonce>.<tag>.<ciphertext>` in base64url,
 * so a later key rotation can tell versions apart.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', nonce, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== 'v1' || !nonce || !tag || body === undefined)
        throw new LoupeError('INVALID_INPUT', 'stored credentials are not in a known sealed form');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new LoupeError(
          'INVALID_INPUT',
          'stored credentials cannot be opened with this LOUPE_SECRET_KEY (was the key changed?)',
        );
      }
    },
  };
}

export function parseSecretKey(value: string): Buffer {
  if (!isSecretKey(value))
    throw new LoupeError('INVALID_INPUT', 'LOUPE_SECRET_KEY must be 64 hex characters or base64 of 32 bytes');
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

const KEY_FILE = 'secret.key';

/**
 * The key that seals this installation's credentials: LOUPE_SECRET_KEY, or on the embedded default a
 * key kept in the data dir, generated the first time something is sealed (and said once, on stderr),
 * so commands that never store credentials leave no key behind. A PostgreSQL server without
 * LOUPE_SECRET_KEY has no key: every process must share one, so Loupe will not invent it; adding
 * credentials then fails with a message saying what to set.
 */
export async function loadSecretBox(
  config: LoupeConfig,
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): Promise<SecretBox | null> {
  if (config.secretKey) return createSecretBox(parseSecretKey(config.secretKey));
  if (config.database.engine !== 'pglite') return null;
  const dataDir = config.database.dataDir;
  const file = path.join(dataDir, KEY_FILE);
  let box: SecretBox | null = null;
  const keyed = (create: boolean): SecretBox => {
    if (box) return box;
    if (!existsSync(file)) {
      if (!create)
        throw new LoupeError(
          'INVALID_INPUT',
          `no key to open stored credentials: ${file} is missing (set LOUPE_SECRET_KEY to the key they were sealed with)`,
        );
      mkdirSync(dataDir, { recursive: true });
      try {
        writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
        log(
          `Generated a key for stored credentials in ${file} (set LOUPE_SECRET_KEY to use your own; keep the file with the data).`,
        );
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    box = createSecretBox(parseSecretKey(readFileSync(file, 'utf8').trim()));
    return box;
  };
  return { seal: (plain) => keyed(true).seal(plain), open: (sealed) => keyed(false).open(sealed) };
}

/** Seals with the box, or says what is missing. */
export function requireSecretBox(box: SecretBox | null): SecretBox {
  if (!box)
    throw new LoupeError(
      'INVALID_INPUT',
      'credentials cannot be stored: set LOUPE_SECRET_KEY (32 bytes: openssl rand -hex 32) in every Loupe process of this server',
    );
  return box;
}
