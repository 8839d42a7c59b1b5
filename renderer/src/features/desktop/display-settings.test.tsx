// 大屏设置 with a fake `window.desktop`: the displays as the shell lists them, an assignment as the exact shell call
// (and the gateway push that makes an open wall window follow), the alarm window placement, and, without the shell,
// the explanation instead of any call.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { WallCommand } from '../../../../contracts/src/layout';
import { DICTIONARIES } from '../../app/dictionaries';
import { I18nContext } from '../../i18n/i18n-context';
import { createTranslate, type Language } from '../../i18n/translate';
import { visibleTexts, zhLeaks } from '../../i18n/visible-text.test-util';
import { announceToDesktop, noteAlarmWindow, useAlarmWindowOpen } from './desktop-alarms';
import { desktopBridge, desktopErrorCode } from './desktop-bridge';
import { assignmentOf, createDisplayActions, gatewaySwitchKey, parseChoice, readSnapshot, withAssignment, withOperatorDisplayAllowed } from './display-settings';
import DisplaySettingsPage from './DisplaySettingsPage';
import { DisplaySettingsView } from './DisplaySettingsView';
import { IdentifyDisplay } from './IdentifyDisplay';
import { FAKE_DISPLAYS, fakeDesktop } from './fake-desktop.test-util';

const g = globalThis as { window?: unknown };
const noop = () => undefined;
const t = createTranslate('zh-CN', DICTIONARIES);

function render(lang: Language, node: React.ReactNode): string {
  return renderToStaticMarkup(<I18nContext.Provider value={{ lang, setLang: noop, t: createTranslate(lang, DICTIONARIES) }}>{node}</I18nContext.Provider>);
}

afterEach(() => {
  delete g.window;
});

describe('desktop bridge', () => {
  it('is null in a browser (no window.desktop) and the shell API inside it', () => {
    expect(desktopBridge()).toBeNull();
    g.window = {};
    expect(desktopBridge()).toBeNull();
    g.window = { desktop: { shell: 'something-else' } };
    expect(desktopBridge()).toBeNull();
    const { api } = fakeDesktop();
    g.window = { desktop: api };
    expect(desktopBridge()).toBe(api);
    expect(desktopErrorCode(new Error('forbidden: sender not allowed for wall:open'))).toBe('forbidden');
    expect(desktopErrorCode(new Error('boom'))).toBe('failed');
  });
});

describe('assignments', () => {
  const config = { assignments: [{ displayKey: 'a', layoutId: 'L1' }, { displayKey: 'b', layoutId: 'hall-1', allowOnOperatorDisplay: true }], openOnStart: true };
  it('replace one display in place, keep the others, remove on none', () => {
    expect(withAssignment(config, 'b', { kind: 'layout', id: 'L2' })).toEqual({ ...config, assignments: [config.assignments[0], { displayKey: 'b', layoutId: 'L2', allowOnOperatorDisplay: true }] });
    expect(withAssignment(config, 'c', { kind: 'wall', id: 'hall-2' }).assignments.map((a) => a.displayKey)).toEqual(['a', 'b', 'c']);
    expect(withAssignment(config, 'a', { kind: 'none' })).toEqual({ ...config, assignments: [config.assignments[1]] });
  });
  it('the operator-display exception is set and cleared on that display only', () => {
    expect(withOperatorDisplayAllowed(config, 'a', true).assignments).toEqual([{ displayKey: 'a', layoutId: 'L1', allowOnOperatorDisplay: true }, config.assignments[1]]);
    expect(withOperatorDisplayAllowed(config, 'b', false).assignments).toEqual([config.assignments[0], { displayKey: 'b', layoutId: 'hall-1' }]);
  });
  it('an id the gateway knows as a wall reads as that wall', () => {
    expect(assignmentOf(config, 'b', new Set(['hall-1']))).toEqual({ kind: 'wall', id: 'hall-1' });
    expect(assignmentOf(config, 'a', new Set(['hall-1']))).toEqual({ kind: 'layout', id: 'L1' });
    expect(assignmentOf(config, 'z', new Set())).toEqual({ kind: 'none' });
    expect(parseChoice('wall:hall-1')).toEqual({ kind: 'wall', id: 'hall-1' });
    expect(parseChoice('')).toEqual({ kind: 'none' });
  });
});

describe('大屏设置 actions against the shell', () => {
  it('assigning a wall to display 2 saves exactly that assignment through wall:set-config', async () => {
    const fake = fakeDesktop({ assignments: [{ displayKey: FAKE_DISPLAYS[2]!.key, layoutId: 'L9' }], openOnStart: false });
    const pushes: Array<[string, WallCommand]> = [];
    const actions = createDisplayActions(fake.api, async (id, cmd) => void pushes.push([id, cmd]));
    await actions.assign(FAKE_DISPLAYS[1]!, { kind: 'wall', id: 'hall-1' });
    expect(fake.calls.map(([c]) => c)).toEqual(['wall:get-config', 'wall:set-config']);
    expect(fake.calls[1]![1]).toEqual({ assignments: [{ displayKey: '3840,0,1920x1080', layoutId: 'L9' }, { displayKey: '1920,0,1920x1080', layoutId: 'hall-1' }], openOnStart: false });
    expect(pushes).toEqual([]); // a wall follows its own pushes
  });

  it('assigning a layout also pushes it to the wall the display follows, so an open window switches at once', async () => {
    const fake = fakeDesktop();
    const pushes: Array<[string, WallCommand]> = [];
    const actions = createDisplayActions(fake.api, async (id, cmd) => void pushes.push([id, cmd]));
    const r = await actions.assign(FAKE_DISPLAYS[1]!, { kind: 'layout', id: 'L1' });
    expect(r.pushError).toBeNull();
    expect(pushes).toEqual([['display-2', { type: 'show-layout', layoutId: 'L1' }]]);
    const failing = await createDisplayActions(fake.api, () => Promise.reject(new Error('403'))).assign(FAKE_DISPLAYS[2]!, { kind: 'layout', id: 'L2' });
    expect(failing.pushError).toBeInstanceOf(Error);
    expect(fake.config().assignments.map((a) => a.layoutId)).toEqual(['L1', 'L2']);
    await createDisplayActions(fake.api, null).assign(FAKE_DISPLAYS[1]!, { kind: 'none' });
    expect(fake.config().assignments.map((a) => a.layoutId)).toEqual(['L2']);
  });

  it('wall mode, open on start, identify and the alarm window are one channel each', async () => {
    const fake = fakeDesktop();
    const actions = createDisplayActions(fake.api, null);
    await actions.setWallMode(true);
    await actions.setWallMode(false);
    await actions.identify();
    await actions.placeAlarmWindow(FAKE_DISPLAYS[2]!.key);
    await actions.placeAlarmWindow(null);
    await actions.setOpenOnStart(true);
    const switched = await actions.switchGateway(' https://10.0.0.5:8443 ');
    expect(t(gatewaySwitchKey(switched))).toBe('已取消切换');
    expect(t(gatewaySwitchKey({ ok: true, restarting: true }))).toBe('正在切换网关，控制台将重新启动');
    expect(fake.calls).toEqual([
      ['wall:open', undefined],
      ['wall:close', undefined],
      ['displays:identify', undefined],
      ['alarm-window:set', { displayKey: '3840,0,1920x1080' }],
      ['alarm-window:set', { displayKey: null }],
      ['wall:get-config', undefined],
      ['wall:set-config', { assignments: [], openOnStart: true }],
      ['settings:set-gateway', { url: 'https://10.0.0.5:8443' }],
    ]);
  });

  it('new alarms raise the alarm window, and notify only while the console is hidden', async () => {
    const fake = fakeDesktop();
    await announceToDesktop(fake.api, [{ title: '告警：移动侦测', body: '东门', critical: false }], false);
    expect(fake.calls).toEqual([['alarm-window:raise', undefined]]);
    await announceToDesktop(fake.api, [{ title: '告警：设备离线', body: '西门', critical: false }, { title: 'x', body: '', critical: true }], true);
    expect(fake.calls.slice(1)).toEqual([
      ['alarm-window:raise', undefined],
      ['notify:show', { title: '告警：设备离线', body: '西门', urgency: 'critical' }],
    ]);
    await announceToDesktop(null, [{ title: 't', body: '', critical: false }], true); // a browser: nothing to call, no error
  });

  it('an alarm window that the shell raised takes the pop-up from the operator window', async () => {
    const Probe = () => <i>{String(useAlarmWindowOpen())}</i>;
    const fake = fakeDesktop();
    await announceToDesktop(fake.api, [{ title: '告警', body: '', critical: false }], false);
    expect(renderToStaticMarkup(<Probe />)).toBe('<i>false</i>');
    await fake.api.alarmWindow.set({ displayKey: FAKE_DISPLAYS[1]!.key });
    await announceToDesktop(fake.api, [{ title: '告警', body: '', critical: false }], false);
    expect(renderToStaticMarkup(<Probe />)).toBe('<i>true</i>');
    noteAlarmWindow(false);
  });
});

describe('大屏设置 screen', () => {
  it('lists the displays with their number, key, position and size, and what each shows', async () => {
    const fake = fakeDesktop({ assignments: [{ displayKey: FAKE_DISPLAYS[1]!.key, layoutId: 'hall-1' }, { displayKey: FAKE_DISPLAYS[0]!.key, layoutId: 'L1' }], openOnStart: false });
    await fake.api.wall.open();
    const snapshot = await readSnapshot(fake.api);
    const props = { snapshot, layouts: [{ id: 'L1', name: '城区十六画面' }], walls: [{ id: 'hall-1', name: '指挥大厅' }], busy: false, onAssign: noop, onAllowOperator: noop, onWallMode: noop, onOpenOnStart: noop, onIdentify: noop, onAlarmWindow: noop, onSwitchGateway: noop };
    const html = render('zh-CN', <DisplaySettingsView {...props} />);
    for (const d of FAKE_DISPLAYS) expect(html).toContain(`data-testid="display-row-${d.number}" data-display-key="${d.key}"`);
    expect(html).toMatch(/<option value="wall:hall-1" selected="">指挥大厅<\/option>/);
    expect(html).toContain('data-testid="display-allow-operator-1"'); // display 1 is the operator's and has a layout
    expect(html).not.toContain('display-allow-operator-2');
    const texts = visibleTexts(html);
    expect(texts).toEqual(expect.arrayContaining(['1920,0,1920x1080', '(1920, 0)', '1920×1080', '主显示器', '操作员所在', '视频墙已打开', '操作员所在显示器不放视频墙', '大屏设置', '识别显示器', '告警窗口', 'https://127.0.0.1:8443']));
    expect(texts.flatMap((x) => zhLeaks(x, ['城区十六画面', '指挥大厅']))).toEqual([]);
    expect(render('en', <DisplaySettingsView {...props} />)).toContain('Identify displays');
  });

  it('the identify overlay is the display number alone', () => {
    expect(visibleTexts(render('zh-CN', <IdentifyDisplay display={2} />))).toEqual(['2']);
  });

  it('without the desktop shell: explains what needs the desktop app, in both languages', () => {
    const zh = render('zh-CN', <DisplaySettingsPage user={{} as never} showCameraOnWall={noop} openSection={noop} params={{}} />);
    expect(zh).toContain('data-testid="desktop-required"');
    expect(zh).toContain('大屏设置需要在桌面客户端中使用');
    expect(visibleTexts(zh).flatMap((x) => zhLeaks(x))).toEqual([]);
    expect(render('en', <DisplaySettingsPage user={{} as never} showCameraOnWall={noop} openSection={noop} params={{}} />)).toContain('Display settings need the desktop app');
  });
});
