// The incidents feature's public surface: what other features may import (lint: renderer/features-public-surface).
// The statistics page uses the incident list's styles (.incident-muted).
import './incidents.css';
export { INCIDENTS_PATH, createIncidentApi } from './incident-api';
export { orgName } from './incident-format';
export { localDayToIso } from './incident-list';
export { useIncidentFeed } from './use-incident-feed';
export { IncidentCategoryOptions, categoryName } from './IncidentCategoryOptions';
