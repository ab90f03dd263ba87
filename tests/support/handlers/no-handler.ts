/** Test module that forgot to export `handler`. */
export const notAHandler = 1;
