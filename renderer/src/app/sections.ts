import type { ComponentType, LazyExoticComponent } from 'react';
import type { SessionUserDto } from '../../../contracts/src/auth';
import type { Permission } from '../../../contracts/src/permissions';
import type { MessageKey } from '../i18n/translate';

/** What every section page receives from the shell. */
export interface SectionProps {
  user: SessionUserDto;
  /** Put a camera on the video wall and show the wall (e.g. "watch this alarm's camera"). */
  showCameraOnWall: (cameraId: string) => void;
  /** Switch the main area to another section (e.g. from an alarm to its incident). */
  openSection: (id: string, params?: Record<string, string>) => void;
  /** Parameters the section was opened with (e.g. { incidentId }). */
  params: Record<string, string>;
}

/**
 * Sections of the console beyond the wall and the map (alarms, incidents, statistics, devices, administration).
 * Each feature registers its page here with the permission that shows it; the shell lists them in the view switch
 * in this order. Pages are lazy so the wall does not load code it does not need.
 */
export interface SectionDef {
  id: string;
  labelKey: MessageKey;
  permission: Permission;
  /** Keep the camera tree on the left (pages about cameras); otherwise the page takes the full width. */
  withTree?: boolean;
  component: LazyExoticComponent<ComponentType<SectionProps>>;
}

export const SECTIONS: SectionDef[] = [];
