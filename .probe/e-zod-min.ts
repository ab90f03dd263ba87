import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
export const x = [DynamoDBClient, z.strictObject({ a: z.string().min(1), b: z.number().optional(), c: z.enum(['x', 'y']) })];
