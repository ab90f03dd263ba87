import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as s from '../functions/core/course/schema.js';
export const x = [DynamoDBClient, s];
