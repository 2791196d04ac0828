/** Small file-system helpers shared by commands and the packet writer. */
export { type FolderOptions, writeFolderAtomic } from './folder.js';
export { assertFreshFile, assertFreshFolder, type FreshOptions, RUN_FILES, type RunKind } from './fresh.js';
export {
  assertCreatable,
  assertNameFits,
  assertOutputDir,
  exists,
  outputError,
  type WriteOptions,
  writeFileAtomic,
} from './write.js';
