import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, keyIdOf, loadConfig, rawPublicKey } from '../src/index.js';

describe('loadConfig', () => {
  it('applies built-in and service defaults', () => {
    const config = loadConfig({}, { PORT: '4101' });
    expect(config).toEqual({
      port: 4101,
      host: '127.0.0.1',
      eventStoreUrl: 'sqlite:./data/hub.db',
      dataDir: './data',
      logLevel: 'info',
      sessionTtlMinutes: 480,
      publicKeys: [],
      vaultKey: null,
      trustFile: null,
      trustStoreKeys: false,
    });
  });

  it('prefers the environment, and treats an empty variable as unset', () => {
    const config = loadConfig({ PORT: '8080', HOST: '', LOG_LEVEL: 'debug', SESSION_TTL_MINUTES: '60' }, { PORT: '4101' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('debug');
    expect(config.sessionTtlMinutes).toBe(60);
  });

  it('reports every problem at once, each naming its variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', SESSION_TTL_MINUTES: '0', EVENT_STORE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.find((p) => p.startsWith('PORT '))).toContain('"abc"');
    expect(problems.some((p) => p.startsWith('LOG_LEVEL '))).toBe(true);
    expect(problems.some((p) => p.startsWith('SESSION_TTL_MINUTES '))).toBe(true);
    expect(problems.some((p) => p.startsWith('EVENT_STORE_URL ') && !p.includes('mysql'))).toBe(true);
  });

  it('says a variable without a default is required', () => {
    expect(() => loadConfig({})).toThrow(/PORT is required/);
  });

  it('reads the vault key and never echoes a bad one', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ PORT: '1', HUB_VAULT_KEY: key.toString('base64') }).vaultKey).toEqual(key);
    expect(() => loadConfig({ PORT: '1', HUB_VAULT_KEY: 'c2VjcmV0' })).toThrow(/HUB_VAULT_KEY must be 32 bytes/);
    try {
      loadConfig({ PORT: '1', HUB_VAULT_KEY: 'c2VjcmV0' });
    } catch (e) {
      expect((e as Error).message).not.toContain('c2VjcmV0');
    }
  });

  it('parses pinned public keys', () => {
    const raw = rawPublicKey(generateKeyPairSync('ed25519').publicKey).toString('base64');
    const config = loadConfig({ PORT: '1', PUBLIC_KEYS: `court:events:${raw}, union:sessions:${raw}` });
    expect(config.publicKeys).toEqual([
      { agency: 'court', purpose: 'events', keyId: keyIdOf(Buffer.from(raw, 'base64')), publicKey: raw },
      { agency: 'union', purpose: 'sessions', keyId: keyIdOf(Buffer.from(raw, 'base64')), publicKey: raw },
    ]);
    expect(() => loadConfig({ PORT: '1', PUBLIC_KEYS: 'court:events:short' })).toThrow(/PUBLIC_KEYS entry "court:events:short"/);
  });
});
