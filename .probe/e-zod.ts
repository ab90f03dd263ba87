import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
export const x = [DynamoDBClient, z];
