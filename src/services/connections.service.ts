import { LoupeError } from '../core/errors.ts';
import type { SourceKind } from '../core/container.ts';
import { createConnectionRepository, type ConnectionRecord } from '../store/connection.repository.ts';
import type { SqlClient } from '../store/db.ts';
import type { Principal } from './access.service.ts';
import { requireSecretBox, type SecretBox } from './secret-box.ts';

/** Where each kind of source lives unless a connection says otherwise. */
const DEFAULT_BASE_URL: Partial<Record<SourceKind, string>> = { github: 'https://api.github.com' };

export interface AddConnectionInput {
  kind: string;
  name?: string | undefined;
  baseUrl?: string | undefined;
  /** A token or API key; sealed before it is stored, never returned. */
  token?: string | undefined;
}

/** A workspace's connections: which source, which API, which credentials (sealed at rest). */
export function createConnectionsService(deps: {
  db: SqlClient;
  secrets: SecretBox | null;
  kinds: () => readonly string[];
}) {
  const connections = createConnectionRepository(deps.db);
  return {
    list: (principal: Principal): Promise<ConnectionRecord[]> => connections.list(principal.workspace.id),

    async add(principal: Principal, input: AddConnectionInput): Promise<ConnectionRecord> {
      if (!deps.kinds().includes(input.kind)) {
        throw new LoupeError(
          'INVALID_INPUT',
          `"${input.kind}" is not a source this Loupe can read (configured: ${deps.kinds().join(', ')})`,
        );
      }
      const baseUrl = (input.baseUrl ?? DEFAULT_BASE_URL[input.kind as SourceKind] ?? '').replace(/\/+$/, '');
      if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(baseUrl))
        throw new LoupeError(
          'INVALID_INPUT',
          `baseUrl must be an http(s) URL, e.g. https://api.github.com (got "${baseUrl}")`,
        );
      const sealed = input.token ? requireSecretBox(deps.secrets).seal(input.token) : null;
      const name = input.name ?? `${input.kind}-${new URL(baseUrl).host}`;
      const created = await connections.add({
        workspaceId: principal.workspace.id,
        kind: input.kind,
        name,
        baseUrl,
        sealedCredentials: sealed,
      });
      if (!created)
        throw new LoupeError(
          'ALREADY_EXISTS',
          `This workspace already has a connection named "${name}": choose another --name, or remove it first.`,
        );
      return created;
    },

    async remove(principal: Principal, id: number): Promise<void> {
      const removal = await connections.remove(principal.workspace.id, id);
      if (removal.outcome === 'not-found')
        throw new LoupeError('NOT_FOUND', `No connection with id ${id} in this workspace.`);
      if (removal.outcome === 'in-use') {
        const shown = removal.repositories.slice(0, 5).join(', ');
        const more = removal.repositories.length > 5 ? ' and more' : '';
        throw new LoupeError(
          'INVALID_INPUT',
          `Connection ${id} still reads ${shown}${more}: remove those repositories first.`,
        );
      }
    },

    async findByName(workspaceId: number, name: string): Promise<ConnectionRecord> {
      const found = await connections.findByName(workspaceId, name);
      if (!found)
        throw new LoupeError(
          'NOT_FOUND',
          `No connection named "${name}" in this workspace (\`loupe connection list\` shows them).`,
        );
      return found;
    },

    async find(principal: Principal, id: number): Promise<ConnectionRecord> {
      const found = await connections.find(principal.workspace.id, id);
      if (!found) throw new LoupeError('NOT_FOUND', `No connection with id ${id} in this workspace.`);
      return found;
    },
  };
}

/**
 * The plain credentials of a connection, for the process that reads its source. Only the sync path
 * calls this; the API never does.
 */
export async function openConnectionCredentials(
  db: SqlClient,
  secrets: SecretBox | null,
  connectionId: number,
): Promise<{ baseUrl: string; token: string | null }> {
  const stored = await createConnectionRepository(db).sealedCredentials(connectionId);
  if (!stored) throw new LoupeError('NOT_FOUND', `connection ${connectionId} no longer exists`);
  return {
    baseUrl: stored.baseUrl,
    token: stored.sealed ? requireSecretBox(secrets).open(stored.sealed) : null,
  };
}

export type ConnectionsService = ReturnType<typeof createConnectionsService>;
