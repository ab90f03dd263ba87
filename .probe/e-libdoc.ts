import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import * as jose from 'jose';
export const x = [DynamoDBClient, DynamoDBDocumentClient, middy, jose];
