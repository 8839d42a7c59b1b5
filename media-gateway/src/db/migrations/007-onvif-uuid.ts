export const sql = `
-- The ONVIF WS-Discovery endpoint reference (urn:uuid:…) of the device a camera lives on, lower case. Discovery
-- matches scan results against it, and fills it in when a scan matches a camera by host + stream URI. Not unique:
-- an NVR's channels share one device UUID.
ALTER TABLE cameras ADD COLUMN onvif_uuid TEXT;
CREATE INDEX cameras_onvif_uuid ON cameras(onvif_uuid) WHERE onvif_uuid IS NOT NULL;
`;
