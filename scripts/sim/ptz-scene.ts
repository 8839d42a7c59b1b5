/**
 * The picture of a simulated PTZ camera: a large synthetic scene (3 × 3 regions, each a plain colour with its number
 * 1–9 in the top-left corner and a black grid between them) and, per pan/tilt cell and zoom level, a clip that is a
 * crop of it. Zoom 0 sees 1.5 regions across (neighbours' edges visible), zoom 1 sees 0.75 of one region; the window is
 * centred on its region's centre and kept inside the scene, so the middle of the picture is always that region's
 * plain colour. Each clip is encoded once like any other (same GOP, length and encoder flags: see clip-cache.ts), so
 * the RTSP server can switch between them at a keyframe without re-encoding.
 */
import { CLIP_FPS, CLIP_FRAMES, CLIP_SECONDS, PROFILE_SPECS, type SimProfile } from './clip';
import type { Rgb } from './camera-identity';
import { PTZ_COLS, PTZ_ROWS, ptzSceneColours, type PtzCell } from './ptz-state';
import { UNIFORM_PROFILE } from './camera-profile';
import { patternFilters } from './frame-index-pattern';
import { clipOutputArgs, videoEncoderArgs, videoRecipe, type VideoRecipe } from './video-encode';

/** Window width in regions at each zoom level. */
export const ZOOM_WINDOW_REGIONS = [1.5, 0.75] as const;

const hex = (c: Rgb): string => [c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('');
const even = (v: number): number => Math.max(2, Math.round(v / 2) * 2);

/** The crop window in scene pixels (region = profile size) for a cell. */
export function ptzWindow(profile: SimProfile, cell: PtzCell): { x: number; y: number; w: number; h: number; sceneW: number; sceneH: number } {
  const { width: cw, height: ch } = PROFILE_SPECS[profile];
  const sceneW = cw * PTZ_COLS;
  const sceneH = ch * PTZ_ROWS;
  const k = ZOOM_WINDOW_REGIONS[Math.min(cell.zoom, ZOOM_WINDOW_REGIONS.length - 1)] ?? 1;
  const w = even(cw * k);
  const h = even(ch * k);
  const cx = cw * (cell.col + 0.5);
  const cy = ch * (cell.row + 0.5);
  const x = Math.round(Math.min(sceneW - w, Math.max(0, cx - w / 2)));
  const y = Math.round(Math.min(sceneH - h, Math.max(0, cy - h / 2)));
  return { x, y, w, h, sceneW, sceneH };
}

/** Quote for a filtergraph option value (values are ours; no quotes inside). */
function q(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/:/g, '\\:')}'`;
}

/**
 * ffmpeg arguments (no shell) for one PTZ clip: the scene is drawn once (one frame), looped, cropped and scaled to the
 * profile size, then the camera label (with the cell) and the clip clock go top-left as on every simulated camera.
 */
export function buildPtzEncodeArgs(
  o: { index: number; profile: SimProfile; label: string; font: string | null; cell: PtzCell; video?: VideoRecipe },
  outName: string,
): string[] {
  const video = o.video ?? videoRecipe(UNIFORM_PROFILE, o.profile);
  const p = PROFILE_SPECS[o.profile];
  const win = ptzWindow(o.profile, o.cell);
  const colours = ptzSceneColours(o.index);
  const fontOpt = o.font ? `fontfile=${q(o.font)}:` : '';
  const regionFont = Math.round(p.height * 0.3);
  const border = Math.max(4, Math.round(p.width / 160));
  const scene: string[] = [];
  for (let row = 0; row < PTZ_ROWS; row++) {
    for (let col = 0; col < PTZ_COLS; col++) {
      const c = colours[row * PTZ_COLS + col]!;
      scene.push(`drawbox=x=${col * p.width}:y=${row * p.height}:w=${p.width}:h=${p.height}:color=0x${hex(c)}:t=fill`);
    }
  }
  scene.push(`drawgrid=w=${p.width}:h=${p.height}:t=${border}:c=black`);
  for (let row = 0; row < PTZ_ROWS; row++) {
    for (let col = 0; col < PTZ_COLS; col++) {
      const n = row * PTZ_COLS + col + 1;
      scene.push(
        `drawtext=${fontOpt}text=${q(String(n))}:x=${col * p.width + Math.round(p.width * 0.16)}:y=${row * p.height + Math.round(p.height * 0.16)}:fontsize=${regionFont}:fontcolor=white:borderw=${Math.max(2, Math.round(regionFont / 30))}:bordercolor=black`,
      );
    }
  }
  const label = `${o.label} PTZ ${o.cell.col},${o.cell.row} z${o.cell.zoom}`;
  const graph = [
    ...scene,
    'loop=loop=-1:size=1:start=0',
    `setpts=N/(${CLIP_FPS}*TB)`,
    `crop=w=${win.w}:h=${win.h}:x=${win.x}:y=${win.y}`,
    `scale=${p.width}:${p.height}`,
    `drawtext=${fontOpt}text=${q(label)}:x=${p.margin}:y=${p.margin}:fontsize=${p.titleFontSize}:fontcolor=white:borderw=2:bordercolor=black`,
    `drawtext=${fontOpt}text='%{pts\\:hms}':x=${p.margin}:y=${p.margin + Math.round(p.titleFontSize * 1.3)}:fontsize=${p.clockFontSize}:fontcolor=white:borderw=2:bordercolor=black`,
    patternFilters(p.width, p.height),
    'scale=out_color_matrix=bt709:out_range=tv',
    'format=yuv420p[v]',
  ].join(',');
  const kbps = p.bitrateKbps;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=black:s=${win.sceneW}x${win.sceneH}:r=${CLIP_FPS}:d=${(1 / CLIP_FPS).toFixed(3)}`,
    '-filter_complex', `[0:v]${graph}`,
    '-map', '[v]',
    '-frames:v', String(CLIP_FRAMES),
    ...videoEncoderArgs(video, kbps),
    '-t', String(CLIP_SECONDS),
    ...clipOutputArgs(video, outName),
  ];
}
