/** Uploaded files: type by content, storage outside the web root, attachment-only downloads. */
export { evidenceFile, evidenceFor } from './repository.js';
export { discardUpload, saveUploadRecord, sendStored, storeUpload, type StoredFile } from './storage.js';
