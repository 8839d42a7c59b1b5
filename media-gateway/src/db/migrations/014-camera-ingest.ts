export const sql = `
-- Per-camera ingest path (issue 12): auto = the gateway's in-process RTSP client where it can carry the stream,
-- ffmpeg = always an ffmpeg child (the escape hatch for a camera the in-process client does not suit).
ALTER TABLE cameras ADD COLUMN ingest TEXT NOT NULL DEFAULT 'auto' CHECK (ingest IN ('auto', 'ffmpeg'));
`;
