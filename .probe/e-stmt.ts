import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as s from '../functions/core/xapi/statement-schema.js';
export const x = [DynamoDBClient, s];
