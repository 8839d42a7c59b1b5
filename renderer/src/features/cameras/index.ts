// The cameras feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { buildCameraTree, flattenTree, normalizeQuery } from './camera-tree';
export type { TreeNode } from './camera-tree';
