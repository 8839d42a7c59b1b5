// Issue 13: technicians were shown alarm pop-ups (and sirens) they cannot act on.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../../contracts/src/auth';
import { alarmAttention, announce } from './alarm-attention';
import { alarm } from './alarm-fixtures.test-util';

const rule = { ruleId: 'r', ruleName: '预案', layoutId: null, wallId: null, interruptTour: true, sound: 'siren' as const };

describe('who is interrupted by arriving alarms', () => {
  it('roles that may act get the pop-up; a technician and a viewer get the quiet list', () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, alarmAttention(r)]))).toEqual({
      admin: 'popup',
      'county-operator': 'popup',
      'township-officer': 'popup',
      technician: 'quiet',
      viewer: 'quiet',
    });
  });

  it('a quiet console neither opens the dock, nor sounds, nor holds the tour, whatever the alarm', () => {
    const fresh = [alarm('a', { severity: 'critical', actions: [rule] })];
    expect(announce('quiet', fresh, { muted: false, tourRunning: true })).toEqual({ open: false, sound: 'none', interruptCameras: [], interruptedBy: [] });
  });

  it('an operator gets the dock, the loudest sound (unless muted) and the rule’s tour interruption', () => {
    const fresh = [alarm('a', { severity: 'minor' }), alarm('b', { severity: 'critical', cameraId: 'c2', cameraIds: ['c2', 'c3'], actions: [rule] })];
    expect(announce('popup', fresh, { muted: false, tourRunning: true })).toEqual({ open: true, sound: 'siren', interruptCameras: ['c2', 'c3'], interruptedBy: ['b'] });
    expect(announce('popup', fresh, { muted: true, tourRunning: false })).toEqual({ open: true, sound: 'none', interruptCameras: [], interruptedBy: [] });
    expect(announce('popup', [], { muted: false, tourRunning: true }).open).toBe(false);
  });
});
