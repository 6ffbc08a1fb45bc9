import path from 'node:path';

// No other imports: the system reads these before it installs the virtual clock.

export const repositoryRoot = path.resolve(import.meta.dirname, '..');

/** Where a persisted run keeps its data and its clock unless told otherwise (`--data-dir`, LOCAL_DATA_DIR). */
export const defaultDataDirectory = path.join(repositoryRoot, '.local-data');
