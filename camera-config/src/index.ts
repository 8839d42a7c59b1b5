export { buildDemoBaseMap, type BaseMap, type BaseMapFeature } from './demo-map';
export { DEMO_BOUNDS, DEMO_COUNTY_ID, DEMO_ORG_UNITS, DEMO_TOWNSHIPS, demoOrgUnits, type DemoTownshipSpec } from './demo-county';
export {
  DEMO_CAMERA_TOTAL,
  demoCameraPlacement,
  demoCameraPlacements,
  demoCategory1Count,
  type DemoCameraPlacement,
} from './demo-cameras';
export {
  ancestors,
  buildOrgTree,
  subtreeIds,
  townshipOf,
  validateOrgUnits,
  type OrgTreeNode,
  type OrgUnitProblem,
  type OrgUnitProblemKind,
} from './org-hierarchy';
export { defuseCell, formatCsv, parseCsv, undefuseCell, type CsvParseResult } from './csv-format';
export {
  CAMERA_CSV_COLUMNS,
  csvIssue,
  type CsvRowKeys,
  CAMERA_CSV_HEADER_ALIASES,
  readCameraCsv,
  writeCameraCsv,
  type CameraCsvColumn,
  type CameraCsvReadResult,
  type CsvCameraCandidate,
  type CsvCameraExport,
} from './camera-csv';
