import { describe, expect, it } from 'vitest';
import { matchRules, type MatchableRule } from './alarm-rule-matcher';

const COUNTY = '141130';
const SHUITOU = '141130100';
const VILLAGE = '141130100200';
const KANGCHENG = '141130101';
const villageChain = [VILLAGE, SHUITOU, COUNTY];

const rule = (id: string, r: Partial<MatchableRule> = {}): MatchableRule => ({
  id,
  name: id,
  enabled: true,
  alarmType: null,
  orgUnitId: null,
  minSeverity: 'info',
  layoutId: null,
  wallId: null,
  interruptTour: false,
  sound: 'by-severity',
  ...r,
});

describe('matchRules', () => {
  it('matches by type, org-unit subtree and minimum severity', () => {
    const rules = [
      rule('motion-only', { alarmType: 'motion' }),
      rule('offline-shuitou', { alarmType: 'camera-offline', orgUnitId: SHUITOU }),
      rule('kangcheng', { orgUnitId: KANGCHENG }),
      rule('critical-only', { minSeverity: 'critical' }),
      rule('major-up', { minSeverity: 'major' }),
      rule('off', { enabled: false }),
    ];
    const ids = (type: string, severity: 'critical' | 'major' | 'minor' | 'info', chain = villageChain) => matchRules({ type, severity }, rules, chain).map((a) => a.ruleId);
    expect(ids('camera-offline', 'major')).toEqual(['offline-shuitou', 'major-up']);
    expect(ids('camera-offline', 'minor')).toEqual(['offline-shuitou']);
    expect(ids('motion', 'critical')).toEqual(['motion-only', 'critical-only', 'major-up']);
    expect(ids('camera-offline', 'major', [KANGCHENG, COUNTY])).toEqual(['kangcheng', 'major-up']);
    expect(ids('tamper', 'info', [KANGCHENG, COUNTY])).toEqual(['kangcheng']);
  });

  it('orders the nearer org unit first, then a named type, then the higher minimum', () => {
    const rules = [
      rule('county-any', { orgUnitId: COUNTY }),
      rule('everywhere-typed', { alarmType: 'motion' }),
      rule('township-any', { orgUnitId: SHUITOU }),
      rule('township-typed', { orgUnitId: SHUITOU, alarmType: 'motion' }),
      rule('township-typed-major', { orgUnitId: SHUITOU, alarmType: 'motion', minSeverity: 'major' }),
      rule('village', { orgUnitId: VILLAGE }),
      rule('everywhere'),
    ];
    expect(matchRules({ type: 'motion', severity: 'major' }, rules, villageChain).map((a) => a.ruleId)).toEqual([
      'village',
      'township-typed-major',
      'township-typed',
      'township-any',
      'county-any',
      'everywhere-typed',
      'everywhere',
    ]);
  });

  it('returns the actions, with the sound chosen by severity unless the rule names one', () => {
    const rules = [rule('wall', { layoutId: 'L1', wallId: 'hall-1', interruptTour: true }), rule('quiet', { sound: 'none', orgUnitId: SHUITOU })];
    expect(matchRules({ type: 'motion', severity: 'critical' }, rules, villageChain)).toEqual([
      { ruleId: 'quiet', ruleName: 'quiet', layoutId: null, wallId: null, interruptTour: false, sound: 'none' },
      { ruleId: 'wall', ruleName: 'wall', layoutId: 'L1', wallId: 'hall-1', interruptTour: true, sound: 'siren' },
    ]);
    expect(matchRules({ type: 'motion', severity: 'minor' }, [rules[0]!], villageChain)[0]!.sound).toBe('chime');
    expect(matchRules({ type: 'motion', severity: 'minor' }, [], villageChain)).toEqual([]);
  });
});
