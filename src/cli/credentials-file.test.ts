import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  credentialsPath,
  findServerCredentials,
  forgetServerCredentials,
  saveServerCredentials,
  serverKey,
} from './credentials-file.ts';

const saved = (login: string) => ({
  token: `loupe_${login}`,
  tokenId: 1,
  login,
  workspace: login,
  scopes: ['read'],
  savedAt: '2026-12-06T00:00:00.000Z',
});

describe('the credentials file of loupe login', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-credentials-'));
    file = credentialsPath({ LOUPE_CONFIG_DIR: dir });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lives in LOUPE_CONFIG_DIR, else XDG_CONFIG_HOME/loupe', () => {
    expect(credentialsPath({ LOUPE_CONFIG_DIR: '/a' })).toBe('/a/credentials.json');
    expect(credentialsPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/loupe/credentials.json');
  });

  it('keys servers by origin and refuses what is not an http(s) address', () => {
    expect(serverKey('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(() => serverKey('loupe.example.org')).toThrow(/not a server address/);
    expect(() => serverKey('ftp://loupe.example.org')).toThrow(/http:\/\/ or https:\/\//);
  });

  it('is readable by its owner only, finds the only server unnamed, and asks which when there are several', async () => {
    await expect(findServerCredentials(file, undefined)).rejects.toThrow(/Not signed in to any/);
    await saveServerCredentials(file, 'http://a.test/', saved('ann'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await findServerCredentials(file, undefined)).toMatchObject({
      server: 'http://a.test',
      credentials: { login: 'ann' },
    });
    await saveServerCredentials(file, 'http://b.test', saved('bob'));
    await expect(findServerCredentials(file, undefined)).rejects.toThrow(/several servers/);
    expect((await findServerCredentials(file, 'http://b.test/')).credentials.login).toBe('bob');
    await expect(findServerCredentials(file, 'http://c.test')).rejects.toThrow(
      /Not signed in to http:\/\/c.test/,
    );
    await forgetServerCredentials(file, 'http://a.test');
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).servers)).toEqual(['http://b.test']);
  });
});
