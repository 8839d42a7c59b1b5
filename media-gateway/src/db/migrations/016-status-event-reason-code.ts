export const sql = `
-- Why a camera went offline, as a code (contracts CameraReasonCode) beside the English reason, so the console's
-- status history words it in the reader's language. Events recorded before this column keep a NULL code.
ALTER TABLE camera_status_events ADD COLUMN reason_code TEXT;
`;
