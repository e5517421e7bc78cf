/**
 * Who a token belongs to. Tokens come from the `tokens` option (all belong to the dataset's viewer;
 * without the option any non-empty token does) or are issued by the OAuth flows (oauth.routes.ts)
 * to the user who signed in, with the scopes granted. Issued tokens are accepted everywhere.
 */
import { randomBytes } from 'node:crypto';

export interface TokenIdentity {
  login: string;
  /** Granted OAuth scopes; null for configured tokens (GitHub sends no X-OAuth-Scopes then). */
  scopes: string[] | null;
}

interface IssuedToken extends TokenIdentity {
  clientId: string;
}

/** GitHub's token alphabet: a prefix ("gho_" for OAuth) and 36 base62 characters. */
export function randomToken(prefix: string, length = 36): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export class TokenRegistry {
  private readonly issued = new Map<string, IssuedToken>();
  private readonly configured: Set<string> | null;
  private readonly viewer: string;

  constructor(options: { tokens?: readonly string[]; viewer: string }) {
    this.configured = options.tokens ? new Set(options.tokens) : null;
    this.viewer = options.viewer;
  }

  /** The identity behind a token, or null for a token the emulator does not accept. */
  identify(token: string): TokenIdentity | null {
    const issued = this.issued.get(token);
    if (issued) return { login: issued.login, scopes: issued.scopes };
    if (token === '' || (this.configured && !this.configured.has(token))) return null;
    return { login: this.viewer, scopes: null };
  }

  /** A new OAuth access token for `login`. */
  issue(grant: { login: string; scopes: string[]; clientId: string }): string {
    const token = randomToken('gho_');
    this.issued.set(token, { ...grant });
    return token;
  }

  /** Tokens issued so far (admin API), newest last. */
  list(): { login: string; scopes: string[]; clientId: string }[] {
    return [...this.issued.values()].map((t) => ({
      login: t.login,
      scopes: t.scopes ?? [],
      clientId: t.clientId,
    }));
  }
}
