/** Small file-system helpers shared by commands and the packet writer. */
export { assertOutputDir, exists, outputError, type WriteOptions, writeFileAtomic } from './write.js';
