/** Test handler: returns a plain object, which payload format 2.0 sends as a 200 JSON body. */
export async function handler(): Promise<unknown> {
  return { hello: 'world' };
}
