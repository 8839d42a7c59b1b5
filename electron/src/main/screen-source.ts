/** Electron's screen module as the wall controller's ScreenSource. */
import { screen } from 'electron';
import type { DisplayDescriptor } from './display-mapping';
import type { ScreenSource } from './wall-controller';

export function listElectronDisplays(): DisplayDescriptor[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => ({
    id: d.id,
    bounds: { ...d.bounds },
    workArea: { ...d.workArea },
    primary: d.id === primaryId,
    label: d.label,
    scaleFactor: d.scaleFactor,
  }));
}

export const electronScreen: ScreenSource = {
  listDisplays: listElectronDisplays,
  onChange(listener) {
    const onChange = () => listener();
    screen.on('display-added', onChange);
    screen.on('display-removed', onChange);
    screen.on('display-metrics-changed', onChange);
    return () => {
      screen.off('display-added', onChange);
      screen.off('display-removed', onChange);
      screen.off('display-metrics-changed', onChange);
    };
  },
};
