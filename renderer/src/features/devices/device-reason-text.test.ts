// Bug 7 on the devices page: discovery and stream-test failures were shown in the gateway's English.
import { describe, expect, it } from 'vitest';
import { DISCOVERY_REASON_CODES } from '../../../../contracts/src/discovery';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { zhLeaks } from '../../i18n/visible-text.test-util';
import { discoveryReasonText, streamTestReasonText } from './device-reason-text';

const zh = createTranslate('zh-CN', DICTIONARIES);

describe('device failure reasons in words', () => {
  it('words every discovery code; a code this console does not know keeps the gateway text', () => {
    for (const code of DISCOVERY_REASON_CODES) {
      const text = discoveryReasonText(zh, { reasonCode: code, reason: 'english' });
      expect(text, code).not.toBe('english');
      expect(zhLeaks(text ?? ''), code).toEqual([]);
    }
    expect(discoveryReasonText(zh, { reasonCode: 'credentials-rejected', reason: 'none of the 1 credential(s) tried was accepted' })).toBe('提供的账号密码均未被设备接受');
    expect(discoveryReasonText(zh, { reasonCode: null, reason: null })).toBeNull();
  });

  it('words stream-test failures, camera reason codes and its own', () => {
    expect(streamTestReasonText(zh, { ok: false, code: 'auth-failed', reason: 'auth failed' })).toBe('摄像机认证失败');
    expect(streamTestReasonText(zh, { ok: false, code: 'no-video', reason: 'no video stream' })).toBe('码流中没有视频');
    expect(streamTestReasonText(zh, { ok: false, code: 'failed', reason: 'ffmpeg said something' })).toBe('取流测试失败');
    expect(streamTestReasonText(zh, { ok: false, code: 'not-responding', reason: 'not responding (timed out after 8 s)' })).toBe('摄像机无响应（8 秒后超时）');
  });
});
