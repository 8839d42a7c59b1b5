// The fMP4 muxer's public surface: the muxer, its input/output types and its error.
export { Fmp4Muxer } from './fmp4-muxer';
export { Fmp4MuxError } from './errors';
export type { Fmp4MuxErrorCode } from './errors';
export type * from './types';
export { parseH264Sps } from './h264-sps';
export type { H264Sps } from './h264-sps';
export { parseH265Sps, parseH265Vps } from './h265-ps';
export type { H265ProfileTierLevel, H265Sps, H265Vps } from './h265-ps';
export { parseAacConfig } from './aac-config';
