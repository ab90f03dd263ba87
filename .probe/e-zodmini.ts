import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod/mini';
export const x = [DynamoDBClient, z.strictObject({ a: z.string().check(z.minLength(1)), b: z.optional(z.number()), c: z.enum(['x', 'y']) })];
