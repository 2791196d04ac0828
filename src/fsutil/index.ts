/** Small file-system helpers shared by commands and the packet writer. */
export { exists, type WriteOptions, writeFileAtomic } from './write.js';
