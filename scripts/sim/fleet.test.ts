import { describe, expect, it } from 'vitest';
import { cameraAddress } from './fleet';

describe('cameraAddress', () => {
  it('gives each camera its own loopback address in per-camera mode', () => {
    expect(cameraAddress(1, 'per-camera', 8554)).toEqual({ host: '127.1.0.1', port: 8554 });
    expect(cameraAddress(250, 'per-camera', 8554)).toEqual({ host: '127.1.0.250', port: 8554 });
    expect(cameraAddress(251, 'per-camera', 8554)).toEqual({ host: '127.1.1.1', port: 8554 });
    expect(cameraAddress(880, 'per-camera', 8554)).toEqual({ host: '127.1.3.130', port: 8554 });
    expect(cameraAddress(5, 'per-camera', 554, [127, 9])).toEqual({ host: '127.9.0.5', port: 554 });
  });

  it('gives each camera its own port in shared mode', () => {
    expect(cameraAddress(1, 'shared', 8554)).toEqual({ host: '127.0.0.1', port: 8555 });
    expect(cameraAddress(880, 'shared', 8554)).toEqual({ host: '127.0.0.1', port: 9434 });
    expect(cameraAddress(3, 'shared', 0)).toEqual({ host: '127.0.0.1', port: 0 });
  });
});
