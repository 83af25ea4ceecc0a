/** Every -w fs run folder's name starts so: the reaper removes nothing else. */
export const runFolderPrefix = 'concur-tui-fs-';
