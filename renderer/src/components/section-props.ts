// The shell ↔ section-page interface, here rather than in app/ so section pages (features) do not import the app.
import type { SessionUserDto } from '../../../contracts/src/auth';

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
