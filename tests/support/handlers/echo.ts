/** Test handler: answers with the event and context it received, so tests can check their shape. */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

// Differs per module instance: equal values across requests prove the module was imported once.
const instanceId = randomUUID();

export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json', 'x-handler': 'echo', 'x-number': 42 },
    cookies: ['session=abc; Path=/; HttpOnly', 'theme=dark'],
    body: JSON.stringify({
      instanceId,
      event,
      context: {
        functionName: context.functionName,
        awsRequestId: context.awsRequestId,
        remainingMs: context.getRemainingTimeInMillis(),
      },
    }),
  };
}
