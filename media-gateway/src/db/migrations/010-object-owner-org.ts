export const sql = `
-- Which org unit owns each shared object, so a township administrator manages only its own subtree's (issue 10).
-- NULL = site-wide: visible to everyone, changed only by county-level users. No foreign keys: an org unit that is
-- removed must not turn a township's object into a site-wide one (ON DELETE SET NULL would widen it).
-- Layouts and tours belong to the org unit of the user who saved them (tours.org_unit_id already names the unit whose
-- cameras the tour shows, hence owner_org_unit_id). Alarm sources (allowed_org_unit_id) and alarm rules (org_unit_id)
-- are owned by the unit they cover and need no column.
ALTER TABLE layouts ADD COLUMN owner_org_unit_id TEXT;
UPDATE layouts SET owner_org_unit_id = (SELECT u.org_unit_id FROM users u WHERE u.id = layouts.owner_id);
ALTER TABLE tours ADD COLUMN owner_org_unit_id TEXT;
UPDATE tours SET owner_org_unit_id = (SELECT u.org_unit_id FROM users u WHERE u.id = tours.owner_id);
-- Walls defined before this migration were the county's.
ALTER TABLE walls ADD COLUMN org_unit_id TEXT;
`;
