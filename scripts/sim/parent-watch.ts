/**
 * When this process was started with an IPC channel (by `npm start`), calls `onGone` once that channel closes: the
 * parent exited or was killed (SIGKILL included). Without a channel (`npm run sim` by hand) it does nothing.
 */
export function onParentGone(onGone: () => void): void {
  if (!process.send || !process.channel) return;
  process.once('disconnect', onGone);
  // The channel alone must not keep the fleet running once it has shut down.
  process.channel.unref();
}

export const SIM_LISTENING = 'sim-listening';
/** Sent to the parent (npm start) once every camera listens: where the control API ended up (it may be ephemeral). */
export interface SimListeningMessage {
  type: typeof SIM_LISTENING;
  controlUrl: string;
}

export function tellParentListening(controlUrl: string | null): void {
  if (!process.send || !controlUrl) return;
  const msg: SimListeningMessage = { type: SIM_LISTENING, controlUrl };
  process.send(msg);
}
