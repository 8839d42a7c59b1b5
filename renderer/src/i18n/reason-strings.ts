// Why a stream or camera is down, in words: the gateway sends reason codes (contracts CameraReasonCode), the console
// words them here. Spread into the zh-CN and en dictionaries (one line each); zh-CN is the source.
import { CAMERA_REASON_CODES, type CameraReasonCode } from '../../../contracts/src/stream-status';
import type { Translate } from './translate';

export const reasonZhCN = {
  'ingest.auth-failed': '摄像机认证失败',
  'ingest.connection-refused': '摄像机拒绝连接',
  'ingest.unreachable': '摄像机不可达',
  'ingest.timeout': '连接超时',
  'ingest.stream-not-found': '摄像机上没有该码流',
  'ingest.invalid-data': '码流数据无效',
  'ingest.protocol-blocked': '协议不被允许',
  'ingest.camera-error': '摄像机返回错误',
  'ingest.unsupported-transport': '摄像机不支持该传输方式（461），请改用 UDP 或自动',
  'ingest.not-responding': '摄像机无响应（{seconds} 秒后超时）',
  'ingest.stalled': '未收到视频数据',
  'ingest.disconnected': '摄像机断开了连接',
  'ingest.exited': '取流进程意外退出',
  'ingest.config': '点位配置有误',
  'ingest.transcode-capacity': '转码路数已满，请稍候或改看子码流',
  'ingest.no-publisher': '推流端已断开',
} as const satisfies Record<`ingest.${CameraReasonCode}`, string>;

export const reasonEn: Record<keyof typeof reasonZhCN, string> = {
  'ingest.auth-failed': 'Camera authentication failed',
  'ingest.connection-refused': 'Camera refused the connection',
  'ingest.unreachable': 'Camera unreachable',
  'ingest.timeout': 'Connection timed out',
  'ingest.stream-not-found': 'Stream not found on the camera',
  'ingest.invalid-data': 'Invalid stream data',
  'ingest.protocol-blocked': 'Protocol not allowed',
  'ingest.camera-error': 'Camera returned an error',
  'ingest.unsupported-transport': 'The camera refused the RTSP transport (461): use UDP or auto',
  'ingest.not-responding': 'Camera not responding (timed out after {seconds} s)',
  'ingest.stalled': 'No video received',
  'ingest.disconnected': 'The camera closed the connection',
  'ingest.exited': 'Ingest exited unexpectedly',
  'ingest.config': 'Camera configuration error',
  'ingest.transcode-capacity': 'Transcode capacity reached: try later or watch the sub stream',
  'ingest.no-publisher': 'The stream publisher disconnected',
};

/** A code this console can word (a newer gateway may send one it cannot: then its own text is shown). */
export function isReasonCode(code: string | null | undefined): code is CameraReasonCode {
  return typeof code === 'string' && (CAMERA_REASON_CODES as readonly string[]).includes(code);
}

/** The dictionary key of a reason code. */
export function reasonKey(code: CameraReasonCode): keyof typeof reasonZhCN {
  return `ingest.${code}`;
}

/** A reason in the reader's language: the code's words when this console knows the code, else the gateway's text. */
export function reasonWords(code: string | null | undefined, text: string | null, t: Translate): string | null {
  if (!isReasonCode(code)) return text;
  // The timeout a camera was waited for travels in the gateway's text: "not responding (timed out after 5 s)".
  if (code === 'not-responding') return t(reasonKey(code), { seconds: /timed out after ([\d.]+) s/.exec(text ?? '')?.[1] ?? '?' });
  return t(reasonKey(code));
}
