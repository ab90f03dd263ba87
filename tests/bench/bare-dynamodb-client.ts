/**
 * The bench's yardstick: a module that only loads and instantiates the DynamoDB client, bundled
 * like a handler. Every handler needs at least this, so its load time is the floor.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const client = new DynamoDBClient({});
