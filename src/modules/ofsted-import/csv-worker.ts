import { parentPort } from 'node:worker_threads';
import { csvBatches, type CsvBatch, type CsvDone, type CsvInput } from './csv-batches.js';
import { FileRejectedError } from './records.js';

/*
 * Worker thread: reads a CSV into COPY batches while the main thread loads the
 * previous batch into the database (PGlite runs on the main thread, so this is
 * the only way the two happen at once). It stays up between imports, warm.
 * For each input it is sent, it sends READ_AHEAD batches, then one more each time it is
 * sent "more" (the main thread took one), then done or error: reading runs no further ahead of
 * the database than that, so the file's COPY text is never all waiting in memory (16.12).
 */
const READ_AHEAD = 2;

const port = parentPort!;
let batches: Generator<CsvBatch, CsvDone> | null = null;

function send(): void {
  if (!batches) return;
  try {
    const next = batches.next();
    if (next.done) {
      batches = null;
      port.postMessage({ type: 'done', done: next.value });
      return;
    }
    const batch = next.value;
    port.postMessage({ type: 'batch', batch }, Object.values(batch).flatMap((v) => (v instanceof Uint8Array ? [v.buffer as ArrayBuffer] : [])));
  } catch (error) {
    batches = null;
    port.postMessage({ type: 'error', message: (error as Error).message, rejected: error instanceof FileRejectedError });
  }
}

port.on('message', (message: CsvInput | 'more') => {
  if (message === 'more') return send();
  batches = csvBatches(message);
  for (let i = 0; i < READ_AHEAD; i++) send();
});
