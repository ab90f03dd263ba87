/** Test handler: a binary (base64-encoded) response body. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const BYTES = [0, 1, 2, 254, 255];

export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/octet-stream' },
    isBase64Encoded: true,
    body: Buffer.from(BYTES).toString('base64'),
  };
}
