export const sql = `
-- The audio each stream carries, as the stream test (ffprobe) measured it: pcma, pcmu, aac, other, or none; NULL
-- until tested. AAC is passed through to the console, anything else is transcoded to AAC (ingest/ffmpeg-args.ts).
ALTER TABLE cameras ADD COLUMN main_audio_codec TEXT;
ALTER TABLE cameras ADD COLUMN sub_audio_codec TEXT;
`;
