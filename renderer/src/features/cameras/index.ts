// The cameras feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { buildCameraTree, flattenTree, normalizeQuery } from './camera-tree';
export type { TreeNode } from './camera-tree';
// 回放 picks its cameras in the same tree.
export { CameraTree } from './CameraTree';
