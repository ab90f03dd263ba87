import * as s from '../functions/http/route-handler.js';
export const x = [s];
