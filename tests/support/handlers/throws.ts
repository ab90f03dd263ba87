/** Test handler: fails the way a bug would. */
export async function handler(): Promise<never> {
  throw new Error('secret internal detail');
}
