/** Where things live relative to the repository, independent of the working directory. */
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const editorDist = fileURLToPath(new URL('../../editor/dist', import.meta.url));
