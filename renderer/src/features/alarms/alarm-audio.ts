// Plays alarm sounds with WebAudio (no audio files). Browsers start an AudioContext suspended until the user has
// interacted with the page: the first click or key anywhere resumes it; until then `blocked` is true and the pop-up
// says so (the sound is not queued up to blast later).
import type { AlarmSound } from '../../../../contracts/src/alarm';
import { notesOf } from './alarm-sound';

type AudioCtor = typeof AudioContext;

export class AlarmAudio {
  private ctx: AudioContext | null = null;
  private readonly listeners = new Set<() => void>();
  private unlockBound = false;

  get blocked(): boolean {
    return !this.ctx || this.ctx.state !== 'running';
  }

  get supported(): boolean {
    return typeof window !== 'undefined' && typeof (window.AudioContext as AudioCtor | undefined) === 'function';
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listens for the first user gesture, which lets the context run. */
  armUnlock(): void {
    if (this.unlockBound || !this.supported) return;
    this.unlockBound = true;
    const unlock = () => {
      void this.context()
        ?.resume()
        .then(() => this.emit())
        .catch(() => undefined);
      if (this.ctx?.state === 'running') {
        window.removeEventListener('pointerdown', unlock, true);
        window.removeEventListener('keydown', unlock, true);
      }
    };
    window.addEventListener('pointerdown', unlock, true);
    window.addEventListener('keydown', unlock, true);
  }

  play(sound: AlarmSound): boolean {
    const notes = notesOf(sound);
    if (notes.length === 0) return true;
    const ctx = this.context();
    if (!ctx || ctx.state !== 'running') return false;
    const t0 = ctx.currentTime + 0.02;
    for (const n of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = n.wave;
      osc.frequency.setValueAtTime(n.freq, t0 + n.at);
      if (n.toFreq) osc.frequency.linearRampToValueAtTime(n.toFreq, t0 + n.at + n.duration);
      gain.gain.setValueAtTime(0.0001, t0 + n.at);
      gain.gain.exponentialRampToValueAtTime(n.gain, t0 + n.at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + n.at + n.duration);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + n.at);
      osc.stop(t0 + n.at + n.duration + 0.05);
    }
    return true;
  }

  close(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }

  private context(): AudioContext | null {
    if (this.ctx) return this.ctx;
    if (!this.supported) return null;
    try {
      this.ctx = new AudioContext();
      this.ctx.onstatechange = () => this.emit();
    } catch {
      this.ctx = null;
    }
    return this.ctx;
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
