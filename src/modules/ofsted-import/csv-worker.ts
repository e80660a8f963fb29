import { parentPort } from 'node:worker_threads';
import { csvBatches, type CsvInput } from './csv-batches.js';
import { FileRejectedError } from './records.js';

/*
 * Worker thread: reads a CSV into COPY batches while the main thread loads the
 * previous batch into the database (PGlite runs on the main thread, so this is
 * the only way the two happen at once). It stays up between imports, warm.
 * For each input it is sent: batch…, then done or error.
 */
const port = parentPort!;
port.on('message', (input: CsvInput) => {
  try {
    const batches = csvBatches(input);
    for (let next = batches.next(); ; next = batches.next()) {
      if (next.done) {
        port.postMessage({ type: 'done', done: next.value });
        break;
      }
      const batch = next.value;
      port.postMessage({ type: 'batch', batch }, Object.values(batch).flatMap((v) => (v instanceof Uint8Array ? [v.buffer as ArrayBuffer] : [])));
    }
  } catch (error) {
    port.postMessage({ type: 'error', message: (error as Error).message, rejected: error instanceof FileRejectedError });
  }
});
