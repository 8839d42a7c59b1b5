import { describe, expect, it } from 'vitest';
import { clusterClassName, clusterSize, clusterTone, countStatuses, markerClassName, statusColour } from './marker-style';

describe('status colours', () => {
  it('green online, red offline, grey unknown', () => {
    expect(statusColour('online')).toBe('#2fbf71');
    expect(statusColour('offline')).toBe('#e5484d');
    expect(statusColour('unknown')).toBe('#8b939e');
  });
  it('marker classes carry status, selection and drag mode', () => {
    expect(markerClassName('offline', false, false)).toBe('map-camera status-offline');
    expect(markerClassName('online', true, true)).toBe('map-camera status-online selected draggable');
  });
});

describe('cluster colour rule', () => {
  it('turns red-ish as soon as one member is offline', () => {
    expect(clusterTone(countStatuses(['online', 'online', 'offline']))).toBe('alert');
    expect(clusterTone(countStatuses(['unknown', 'offline']))).toBe('alert');
  });
  it('is green with online members and none offline, grey when nothing is known', () => {
    expect(clusterTone(countStatuses(['online', 'unknown']))).toBe('ok');
    expect(clusterTone(countStatuses(['unknown', 'unknown']))).toBe('unknown');
    expect(clusterTone(countStatuses([]))).toBe('unknown');
  });
  it('counts per status and sizes by total', () => {
    expect(countStatuses(['online', 'offline', 'unknown', 'online'])).toEqual({ online: 2, offline: 1, unknown: 1, total: 4 });
    expect([clusterSize(9), clusterSize(10), clusterSize(100)]).toEqual(['small', 'medium', 'large']);
    expect(clusterClassName(countStatuses(['offline']), true)).toBe('map-cluster tone-alert size-small has-selected');
  });
});
