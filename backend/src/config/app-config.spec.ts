import { ConfigError, loadConfig, servedOverHttps, trustProxyOf } from './app-config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      DEMO: false,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      CORS_ORIGINS: '',
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [
      { DEMO: 'true', PORT: '8080' },
      { DEMO: true, PORT: 8080 },
    ],
    [
      { DEMO: '0', COOKIE_SECURE: 'yes' },
      { DEMO: false, COOKIE_SECURE: true },
    ],
    [{ DATABASE_URL: 'postgres://u@h:5432/db' }, { DATABASE_URL: 'postgres://u@h:5432/db' }],
    [{ HOST: '127.0.0.1' }, { HOST: '127.0.0.1' }],
    [{ PUBLIC_URL: 'https://stegvis.example.se' }, { PUBLIC_URL: 'https://stegvis.example.se' }],
    [{ PUBLIC_URL: 'http://10.0.0.5:3000/' }, { PUBLIC_URL: 'http://10.0.0.5:3000/' }],
  ])('reads %j', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it('reads DATABASE_REPLICA_URL beside DATABASE_URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@h:5432/db',
      DATABASE_REPLICA_URL: 'postgres://u@replica:5432/db',
    });
    expect(config.DATABASE_REPLICA_URL).toBe('postgres://u@replica:5432/db');
  });

  it('refuses DATABASE_REPLICA_URL without DATABASE_URL (the embedded database has no replicas)', () => {
    const env = { DATABASE_REPLICA_URL: 'postgres://u@replica:5432/db' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/DATABASE_REPLICA_URL is set but DATABASE_URL is not/);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HOST: 'localhost; rm' }, 'HOST'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://u@h/db', DATABASE_REPLICA_URL: 'h:5433' }, 'DATABASE_REPLICA_URL'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ PUBLIC_URL: 'stegvis.example.se' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://stegvis.example.se' }, 'PUBLIC_URL'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}=`));
  });

  describe('TRUST_PROXY', () => {
    it.each([
      ['', false],
      ['false', false],
      ['0', false],
      ['1', 1],
      ['2', 2],
      ['10.0.0.1', ['10.0.0.1']],
      ['10.0.0.0/8, 192.168.1.1 ,::1', ['10.0.0.0/8', '192.168.1.1', '::1']],
      ['loopback, 172.16.0.0/12', ['loopback', '172.16.0.0/12']],
    ])('reads %j as %j', (value, expected) => {
      expect(trustProxyOf(loadConfig({ TRUST_PROXY: value }))).toEqual(expected);
    });

    it.each(['true', 'yes', '-1', '1.5', 'proxy.example.org', '10.0.0.0/33', '10.0.0.1,,'])(
      'refuses %j at start-up',
      (value) => {
        expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
        expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
      },
    );
  });

  it.each([
    [{}, false],
    [{ PUBLIC_URL: 'http://stegvis.test:3000' }, false],
    [{ COOKIE_SECURE: 'true' }, true],
    [{ PUBLIC_URL: 'HTTPS://stegvis.example.se' }, true],
  ])('says whether %j is served over HTTPS', (env, https) => {
    expect(servedOverHttps(loadConfig(env))).toBe(https);
  });
});
