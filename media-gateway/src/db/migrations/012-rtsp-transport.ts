export const sql = `
-- Per-camera RTSP transport (issue 11): the setting (auto = TCP first, UDP on 461 Unsupported Transport) and the
-- transport that last worked, so the next start goes straight to it.
ALTER TABLE cameras ADD COLUMN rtsp_transport TEXT NOT NULL DEFAULT 'auto' CHECK (rtsp_transport IN ('auto', 'tcp', 'udp'));
ALTER TABLE cameras ADD COLUMN transport_in_use TEXT CHECK (transport_in_use IN ('tcp', 'udp'));
-- Upper-case schemes were accepted before and do not play (ffmpeg only knows a lower-case rtsp://): normalise them.
UPDATE cameras SET main_stream_uri = lower(substr(main_stream_uri, 1, instr(main_stream_uri, '://') - 1)) || substr(main_stream_uri, instr(main_stream_uri, '://'))
  WHERE instr(main_stream_uri, '://') > 0;
UPDATE cameras SET sub_stream_uri = lower(substr(sub_stream_uri, 1, instr(sub_stream_uri, '://') - 1)) || substr(sub_stream_uri, instr(sub_stream_uri, '://'))
  WHERE instr(sub_stream_uri, '://') > 0;
`;
