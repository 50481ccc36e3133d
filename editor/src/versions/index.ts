/** Version history and diffs of flows: the pure diff and the view other screens mount. */
export { diffGraphs, type GraphDiff, isEmptyDiff, type NodeDiff, type NodeStatus } from './graph-diff.js';
export { VersionDiff, type VersionDiffProps } from './version-diff.js';
