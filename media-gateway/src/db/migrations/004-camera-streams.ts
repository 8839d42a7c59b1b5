export const sql = `
-- What the stream test (ffprobe) measured at registration; NULL until a camera was tested.
ALTER TABLE cameras ADD COLUMN main_width INTEGER;
ALTER TABLE cameras ADD COLUMN main_height INTEGER;
ALTER TABLE cameras ADD COLUMN main_fps REAL;
ALTER TABLE cameras ADD COLUMN sub_width INTEGER;
ALTER TABLE cameras ADD COLUMN sub_height INTEGER;
ALTER TABLE cameras ADD COLUMN sub_fps REAL;
-- The sub stream's codec when known (H.265 cameras often send an H.264 sub stream, which plays without transcoding).
ALTER TABLE cameras ADD COLUMN sub_video_codec TEXT;
-- RTMP push cameras: SHA-256 (hex) of the stream key. The key is a credential, shown once and never stored.
ALTER TABLE cameras ADD COLUMN rtmp_key_hash TEXT;
-- Duplicate detection looks cameras up by stream URI.
CREATE INDEX cameras_main_stream_uri ON cameras(main_stream_uri);
CREATE INDEX cameras_sub_stream_uri ON cameras(sub_stream_uri);
`;
