export const sql = `
-- Why a camera is offline, as a code (contracts CameraReasonCode) beside the English status_reason: alarm rules
-- and the console read the code, never the text. Rows recorded before this column keep a NULL code.
ALTER TABLE cameras ADD COLUMN status_reason_code TEXT;
`;
