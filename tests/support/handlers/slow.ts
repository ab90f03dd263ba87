/** Test handler: answers after a second, slower than the timeout the test configures. */
export async function handler(): Promise<unknown> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return { statusCode: 200, body: 'too late' };
}
