import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { PtzPresetDto } from '../../../../contracts/src/ptz';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useT } from '../../i18n/use-t';
import { createPtzApi, type PtzApi } from './ptz-api';
import { PTZ_KEYS, dragVelocity, isStopped, keysVelocity, padVelocity, wheelZoom, zoomVelocity, type PadDirection, type PtzVelocity } from './ptz-math';
import { usePtzDrive, type PtzDrive } from './use-ptz-drive';
import './ptz.css';

export interface PtzControlsProps {
  cameraId: string;
  /** Double-click on the picture: back to the grid (the surface covers the tile). */
  onRestore: () => void;
  api?: PtzApi;
}

type Phase = 'probing' | 'ready' | 'unsupported';

const PAD: ReadonlyArray<PadDirection | 'stop'> = ['up-left', 'up', 'up-right', 'left', 'stop', 'right', 'down-left', 'down', 'down-right'];
const ARROWS: Readonly<Record<PadDirection, string>> = { up: '▲', down: '▼', left: '◀', right: '▶', 'up-left': '◤', 'up-right': '◥', 'down-left': '◣', 'down-right': '◢' };
const WHEEL_PULSE_MS = 350;

/**
 * PTZ controls over an enlarged tile: a drag/wheel/keyboard surface on the picture, an on-screen pad (8 directions,
 * zoom, stop) and the presets list. Shown only once the gateway confirmed the camera can be steered (a camera
 * without PTZ answers 409 and nothing is shown). Test ids: ptz-layer, ptz-surface, ptz-pad, ptz-<direction>,
 * ptz-zoom-in, ptz-zoom-out, ptz-stop, ptz-presets, ptz-preset-<token>, ptz-preset-remove-<token>, ptz-preset-name,
 * ptz-preset-save.
 */
export function PtzControls({ cameraId, onRestore, api: givenApi }: PtzControlsProps) {
  const t = useT();
  const toast = useToast();
  const api = useMemo(() => givenApi ?? createPtzApi(), [givenApi]);
  const [phase, setPhase] = useState<Phase>('probing');
  const [presets, setPresets] = useState<PtzPresetDto[]>([]);
  const lastToast = useRef(0);

  const onError = useCallback(
    (error: unknown) => {
      const e = toGatewayError(error);
      if (e.status === 409 || e.status === 403) return setPhase('unsupported');
      const now = Date.now();
      if (now - lastToast.current < 3000) return;
      lastToast.current = now;
      toast('error', t('ptz.failed', { message: e.message }));
    },
    [toast, t],
  );
  const drive = usePtzDrive(api, cameraId, onError);

  const reload = useCallback(
    () =>
      api.presets(cameraId).then(
        (items) => {
          setPresets(items);
          setPhase('ready');
        },
        (error: unknown) => {
          const e = toGatewayError(error);
          if (e.status === 409 || e.status === 403) setPhase('unsupported');
          else {
            setPhase('ready'); // steerable perhaps, presets not readable right now
            onError(e);
          }
        },
      ),
    [api, cameraId, onError],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  if (phase !== 'ready') return null;
  return (
    <div className="ptz-layer" data-testid="ptz-layer" data-camera-id={cameraId}>
      <PtzSurface drive={drive} onRestore={onRestore} label={t('ptz.surface')} />
      <PtzPad drive={drive} />
      <PtzPresets api={api} cameraId={cameraId} presets={presets} reload={reload} onError={onError} />
    </div>
  );
}

function PtzSurface({ drive, onRestore, label }: { drive: PtzDrive; onRestore: () => void; label: string }) {
  const origin = useRef<{ x: number; y: number; w: number; h: number } | null>(null);
  const held = useRef(new Set<string>());
  const [line, setLine] = useState<{ x1: number; y1: number; x2: number; y2: number } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const el = e.currentTarget;
    el.focus();
    el.setPointerCapture(e.pointerId);
    const r = el.getBoundingClientRect();
    origin.current = { x: e.clientX, y: e.clientY, w: r.width, h: r.height };
    setLine({ x1: e.clientX - r.left, y1: e.clientY - r.top, x2: e.clientX - r.left, y2: e.clientY - r.top });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const o = origin.current;
    if (!o) return;
    const r = e.currentTarget.getBoundingClientRect();
    drive.set(dragVelocity(e.clientX - o.x, e.clientY - o.y, o.w, o.h));
    setLine((l) => (l ? { ...l, x2: e.clientX - r.left, y2: e.clientY - r.top } : l));
  };
  const end = () => {
    if (!origin.current) return;
    origin.current = null;
    setLine(null);
    drive.stop();
  };
  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    const v = wheelZoom(e.deltaY);
    if (v) drive.pulse(v, WHEEL_PULSE_MS);
  };
  const apply = (v: PtzVelocity) => (isStopped(v) ? drive.stop() : drive.set(v));
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!PTZ_KEYS.has(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault(); // the wall's own arrow-key shortcuts skip handled events
    held.current.add(e.key);
    apply(keysVelocity(held.current));
  };
  const onKeyUp = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!held.current.delete(e.key)) return;
    e.preventDefault();
    apply(keysVelocity(held.current));
  };
  const onBlur = () => {
    held.current.clear();
    drive.stop();
  };

  return (
    <div
      className="ptz-surface"
      data-testid="ptz-surface"
      tabIndex={0}
      role="application"
      aria-label={label}
      title={label}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
      onWheel={onWheel}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
      onBlur={onBlur}
      onDoubleClick={onRestore}
      onClick={(e) => e.stopPropagation()}
    >
      {line && (
        <svg className="ptz-drag" aria-hidden="true">
          <line x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} />
          <circle cx={line.x1} cy={line.y1} r={5} />
        </svg>
      )}
    </div>
  );
}

/** A button that steers while pressed (mouse, touch or Enter/Space) and stops on release. */
function HoldButton({ testId, label, text, v, drive }: { testId: string; label: string; text: string; v: PtzVelocity; drive: PtzDrive }) {
  const down = useRef(false);
  const release = () => {
    if (!down.current) return;
    down.current = false;
    drive.stop();
  };
  return (
    <button
      type="button"
      className="ptz-btn"
      data-testid={testId}
      aria-label={label}
      title={label}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        down.current = true;
        drive.set(v);
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        if (e.repeat) return;
        down.current = true;
        drive.set(v);
      }}
      onKeyUp={(e) => {
        if (e.key === 'Enter' || e.key === ' ') release();
      }}
      onBlur={release}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {text}
    </button>
  );
}

function PtzPad({ drive }: { drive: PtzDrive }) {
  const t = useT();
  return (
    <div className="ptz-pad" data-testid="ptz-pad" role="group" aria-label={t('ptz.pad')} onDoubleClick={(e) => e.stopPropagation()}>
      {PAD.map((d) =>
        d === 'stop' ? (
          <button key={d} type="button" className="ptz-btn ptz-stop" data-testid="ptz-stop" aria-label={t('ptz.stop')} title={t('ptz.stop')} onClick={() => drive.stop(true)}>
            ■
          </button>
        ) : (
          <HoldButton key={d} testId={`ptz-${d}`} label={t(`ptz.${d}`)} text={ARROWS[d]} v={padVelocity(d)} drive={drive} />
        ),
      )}
      <HoldButton testId="ptz-zoom-out" label={t('ptz.zoomOut')} text="−" v={zoomVelocity(-1)} drive={drive} />
      <span className="ptz-zoom-label" aria-hidden="true">
        ⌕
      </span>
      <HoldButton testId="ptz-zoom-in" label={t('ptz.zoomIn')} text="+" v={zoomVelocity(1)} drive={drive} />
    </div>
  );
}

function PtzPresets({ api, cameraId, presets, reload, onError }: { api: PtzApi; cameraId: string; presets: PtzPresetDto[]; reload: () => Promise<void>; onError: (e: unknown) => void }) {
  const t = useT();
  const toast = useToast();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const save = () => {
    const chosen = name.trim() || t('ptz.presetDefault', { n: presets.length + 1 });
    setBusy(true);
    api
      .savePreset(cameraId, chosen.slice(0, 64))
      .then(
        async () => {
          setName('');
          toast('success', t('ptz.presetSaved', { name: chosen }));
          await reload();
        },
        (e: unknown) => onError(e),
      )
      .finally(() => setBusy(false));
  };
  const remove = (p: PtzPresetDto) => {
    api.removePreset(cameraId, p.token).then(
      async () => {
        toast('info', t('ptz.presetRemoved', { name: p.name }));
        await reload();
      },
      (e: unknown) => onError(e),
    );
  };
  return (
    <div className="ptz-presets" data-testid="ptz-presets" onDoubleClick={(e) => e.stopPropagation()}>
      <div className="ptz-presets-title">{t('ptz.presets')}</div>
      {presets.length === 0 ? (
        <div className="ptz-presets-empty">{t('ptz.presetsEmpty')}</div>
      ) : (
        <ul>
          {presets.map((p) => (
            <li key={p.token}>
              <button type="button" className="ptz-preset-goto" data-testid={`ptz-preset-${p.token}`} title={t('ptz.presetGoto', { name: p.name })} onClick={() => api.gotoPreset(cameraId, p.token).catch(onError)}>
                {p.name}
              </button>
              <button type="button" className="ptz-preset-remove" data-testid={`ptz-preset-remove-${p.token}`} aria-label={t('ptz.presetRemove', { name: p.name })} title={t('ptz.presetRemove', { name: p.name })} onClick={() => remove(p)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="ptz-preset-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <input data-testid="ptz-preset-name" value={name} maxLength={64} placeholder={t('ptz.presetName')} aria-label={t('ptz.presetName')} onChange={(e) => setName(e.target.value)} />
        <button type="submit" data-testid="ptz-preset-save" disabled={busy} title={t('ptz.presetSave')}>
          {t('ptz.presetSave')}
        </button>
      </form>
    </div>
  );
}
