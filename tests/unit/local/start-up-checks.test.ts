import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { assertJavaAvailable, assertPortFree, javaMajorVersion, PortInUseError } from '../../../functions/local/preflight.js';
import { readLocalSettings } from '../../../functions/local/settings.js';
import { LocalStartupError } from '../../../functions/local/startup-error.js';
import { isTextContentType, formatRequestTime } from '../../../functions/local/api-gateway-event.js';

describe('start-up checks', () => {
  it('reads the Java major version from `java -version`', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_292"')).toBe(8);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('nonsense')).toBeUndefined();
  });

  it('says in one line that Java is missing', () => {
    expect(() => assertJavaAvailable('no-such-java-command')).toThrow(LocalStartupError);
    expect(() => assertJavaAvailable('no-such-java-command')).toThrow(/needs Java.*install Java 17/);
  });

  it('says in one line that the port is in use, and which to try', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(assertPortFree(port, '127.0.0.1')).rejects.toThrow(PortInUseError);
      await expect(assertPortFree(port, '127.0.0.1')).rejects.toThrow(`Port ${port} is in use. Stop what uses it, or start with PORT=${port + 1} npm start.`);
    } finally {
      busy.close();
    }
  });
});

describe('readLocalSettings', () => {
  it('defaults to port 3000 and a persistent database under .local', () => {
    expect(readLocalSettings({}, '/repo')).toEqual({
      port: 3000,
      inMemory: false,
      dataDir: '/repo/.local',
      dbPath: '/repo/.local/dynamodb',
      lrsKey: undefined,
      lrsSecret: undefined,
    });
  });

  it('reads PORT, DYNAMO_IN_MEMORY, LOCAL_DATA_DIR and the demo xAPI credentials', () => {
    const settings = readLocalSettings({ PORT: '3001', DYNAMO_IN_MEMORY: '1', LOCAL_DATA_DIR: '/tmp/x', LRS_DEMO_KEY: 'k', LRS_DEMO_SECRET: 's' }, '/repo');
    expect(settings).toEqual({ port: 3001, inMemory: true, dataDir: '/tmp/x', dbPath: undefined, lrsKey: 'k', lrsSecret: 's' });
  });

  it('names the variable that is wrong', () => {
    expect(() => readLocalSettings({ PORT: '70000' }, '/repo')).toThrow(/PORT must be a port number/);
    expect(() => readLocalSettings({ DYNAMO_IN_MEMORY: 'yes' }, '/repo')).toThrow(/DYNAMO_IN_MEMORY must be 1/);
  });
});

describe('API Gateway details', () => {
  it('treats only text/*, JSON, XML and JavaScript bodies as text', () => {
    expect(isTextContentType('application/json; charset=utf-8')).toBe(true);
    expect(isTextContentType('text/plain')).toBe(true);
    expect(isTextContentType('application/xml')).toBe(true);
    expect(isTextContentType('multipart/mixed; boundary=abc')).toBe(false);
    expect(isTextContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isTextContentType(undefined)).toBe(false);
  });

  it('formats the request time as API Gateway does', () => {
    expect(formatRequestTime(new Date(Date.UTC(2020, 2, 9, 19, 3, 58)))).toBe('09/Mar/2020:19:03:58 +0000');
  });
});
