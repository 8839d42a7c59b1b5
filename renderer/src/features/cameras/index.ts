// The cameras feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { areaOf, buildCameraTree, flattenTree, normalizeQuery, orgLabel } from './camera-tree';
export type { TreeNode } from './camera-tree';
