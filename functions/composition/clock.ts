/**
 * The server's clock. In AWS it is the system clock. The local runtime started with
 * LOCAL_TEST_CLOCK=1 lets end-to-end tests move it forward (POST /__test/clock), in step with the
 * browser's clock (playwright's clock API), so an hour of study takes no hour of testing.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function testClockEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LOCAL_TEST_CLOCK === '1';
}

export function setTestClockOffset(ms: number): void {
  if (!testClockEnabled()) throw new Error('The test clock is only available with LOCAL_TEST_CLOCK=1');
  offsetMs = ms;
}

export function testClockOffset(): number {
  return offsetMs;
}
