/** Uploaded files: type by content, storage outside the web root, attachment-only downloads. */
export { evidenceFile, evidenceFor } from './repository.js';
export { sendStored, storeUpload } from './storage.js';
