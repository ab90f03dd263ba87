/**
 * Checks `npm start` makes before it starts anything, so a busy port or a missing Java gives one
 * line saying what to do instead of a stack trace half-way through start-up.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { LocalStartupError } from './startup-error.js';

export class PortInUseError extends LocalStartupError {
  constructor(readonly port: number) {
    super(`Port ${port} is in use. Stop what uses it, or start with PORT=${port + 1} npm start.`);
  }
}

/** Binds the port for a moment, on the host the server will use. */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port) : error),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A port nobody listens on right now (the OS picks it). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const JAVA_INSTALL_HINT =
  'install Java 17 or newer (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17) and try again.';

/** DynamoDB Local is a Java program; its jar needs Java 17 or newer. */
export function assertJavaAvailable(command = 'java'): void {
  const result = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new LocalStartupError(
      code === 'ENOENT'
        ? `DynamoDB Local needs Java, but \`${command}\` was not found: ${JAVA_INSTALL_HINT}`
        : `DynamoDB Local needs Java, but \`${command} -version\` failed (${result.error.message}): ${JAVA_INSTALL_HINT}`,
    );
  }
  if (result.status !== 0) throw new LocalStartupError(`DynamoDB Local needs Java, but \`${command} -version\` exited with ${result.status}: ${JAVA_INSTALL_HINT}`);
  const major = javaMajorVersion(`${result.stderr}${result.stdout}`);
  if (major !== undefined && major < 17) throw new LocalStartupError(`DynamoDB Local needs Java 17 or newer, this is Java ${major}: ${JAVA_INSTALL_HINT}`);
}

/** `version "17.0.15"` → 17, `version "1.8.0_292"` → 8. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}
