// 大屏设置 (section `displays`, permission wall.control): the desktop shell's displays and what each shows, wall mode,
// identify, and the alarm window's display — all through the shell (desktop-bridge.ts). In a browser (no shell) it
// says what needs the desktop app and calls nothing.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleHas } from '../../../../contracts/src/permissions';
import type { SectionProps } from '../../components/section-props';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { noteAlarmWindow } from './desktop-alarms';
import { desktopBridge, desktopErrorCode, type DesktopApi } from './desktop-bridge';
import { createDisplayActions, gatewaySwitchKey, readSnapshot } from './display-settings';
import { DesktopRequired, DisplaySettingsView, type Choice } from './DisplaySettingsView';
import type { DesktopSnapshot } from './display-settings';
import './desktop.css';

function DesktopDisplays({ api, user }: { api: DesktopApi } & Pick<SectionProps, 'user'>) {
  const t = useT();
  const toast = useToast();
  const client = useGatewayClient();
  const canPush = roleHas(user.role, 'wall.control');
  const actions = useMemo(() => createDisplayActions(api, canPush ? (id, cmd) => client.sendWallCommand(id, cmd) : null), [api, client, canPush]);
  const [snapshot, setSnapshot] = useState<DesktopSnapshot | null>(null);
  const [layouts, setLayouts] = useState<Choice[]>([]);
  const [walls, setWalls] = useState<Choice[]>([]);
  const [busy, setBusy] = useState(false);

  const shellFailed = useCallback(
    (e: unknown) => {
      toast('error', t(`desktop.error.${desktopErrorCode(e)}`));
    },
    [toast, t],
  );
  const refresh = useCallback(
    () =>
      readSnapshot(api).then((s) => {
        setSnapshot(s);
        noteAlarmWindow(s.alarmWindow.open);
      }, shellFailed),
    [api, shellFailed],
  );

  useEffect(() => {
    void refresh();
    // Layouts and walls are the gateway's: without them a display can still be cleared or identified.
    client.listLayouts().then((list) => setLayouts(list.map((l) => ({ id: l.id, name: l.name }))), () => undefined);
    client.listWalls().then((list) => setWalls(list.map((w) => ({ id: w.id, name: w.name }))), () => undefined);
  }, [refresh, client]);

  /** One shell change at a time; the page then shows what the shell says is now true. */
  const run = useCallback(
    async (change: () => Promise<unknown>) => {
      setBusy(true);
      try {
        await change();
      } catch (e) {
        shellFailed(e);
      } finally {
        await refresh();
        setBusy(false);
      }
    },
    [refresh, shellFailed],
  );

  if (!snapshot) return <div className="desk-section desk-muted">{t('desktop.loading')}</div>;
  return (
    <DisplaySettingsView
      snapshot={snapshot}
      layouts={layouts}
      walls={walls}
      busy={busy}
      onAssign={(display, a) =>
        void run(async () => {
          const { pushError } = await actions.assign(display, a);
          if (pushError) toast('error', t('desktop.pushFailed', { message: toGatewayError(pushError).message }));
          else toast('info', t('desktop.saved'));
        })
      }
      onAllowOperator={(display, allowed) => void run(() => actions.allowOnOperatorDisplay(display, allowed))}
      onWallMode={(on) => void run(() => actions.setWallMode(on))}
      onOpenOnStart={(on) => void run(() => actions.setOpenOnStart(on))}
      onIdentify={() => void run(async () => toast('info', t('desktop.identified', { n: (await actions.identify()).shown })))}
      onAlarmWindow={(key) => void run(() => actions.placeAlarmWindow(key))}
      onSwitchGateway={(url) =>
        void run(async () => {
          const r = await actions.switchGateway(url);
          toast(r.ok ? 'info' : 'error', t(gatewaySwitchKey(r)));
        })
      }
    />
  );
}

export default function DisplaySettingsPage({ user }: SectionProps) {
  const [api] = useState(desktopBridge);
  return api ? <DesktopDisplays api={api} user={user} /> : <DesktopRequired />;
}
