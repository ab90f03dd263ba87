import * as s from '../functions/composition/runtime.js';
export const x = [s];
