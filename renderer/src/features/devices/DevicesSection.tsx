// The technicians' page (section `devices`, permission camera.write): ONVIF discovery, registration / edit form,
// the camera list (paged on the gateway), CSV import and export. Opened with params { cameraId } it edits that camera,
// with its status history below the form.
import { useCallback, useEffect, useState } from 'react';
import type { CameraDto } from '../../../../contracts/src/camera';
import type { DiscoveredDevice, DiscoveryCredential } from '../../../../contracts/src/discovery';
import type { SectionProps } from '../../components/section-props';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { CameraForm } from './CameraForm';
import { CameraList } from './CameraList';
import { CameraStatusHistory } from './CameraStatusHistory';
import { emptyForm, fromCamera, fromDiscovered, type CameraFormState } from './camera-form';
import { CsvImportPanel } from './CsvImportPanel';
import { createDevicesApi } from './devices-api';
import { DiscoveryPanel } from './DiscoveryPanel';
import { useOrgChoices } from './use-org-units';
import { RecordingPlanPanel } from '../playback';
import './devices.css';

const TABS = ['discovery', 'register', 'cameras', 'import'] as const;
type Tab = (typeof TABS)[number];

interface Draft {
  key: number;
  initial: CameraFormState;
  camera: CameraDto | null;
  origin: string | null;
}

export default function DevicesSection({ user, params }: SectionProps) {
  const t = useT();
  const [api] = useState(() => createDevicesApi());
  const choices = useOrgChoices();
  const camerasById = useGatewaySelector((s) => s.camerasById);
  const [tab, setTab] = useState<Tab>('discovery');
  const [draft, setDraft] = useState<Draft>({ key: 0, initial: emptyForm(), camera: null, origin: null });
  const [refreshKey, setRefreshKey] = useState(0);

  const openForm = useCallback((initial: CameraFormState, camera: CameraDto | null, origin: string | null) => {
    setDraft((d) => ({ key: d.key + 1, initial, camera, origin }));
    setTab('register');
  }, []);

  const editCamera = useCallback((camera: CameraDto) => openForm(fromCamera(camera, choices.units), camera, null), [openForm, choices.units]);

  // Opened from elsewhere (e.g. an offline camera) with { cameraId }: edit it, with the freshest record.
  const wanted = params.cameraId;
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    void api.getCamera(wanted).then(
      (c) => !cancelled && editCamera(c),
      () => {
        const known = camerasById.get(wanted);
        if (!cancelled && known) editCamera(known);
      },
    );
    return () => {
      cancelled = true;
    };
    // Only when the requested camera changes (camerasById is a fallback read at that moment).
  }, [wanted, api]);

  const registerDiscovered = (device: DiscoveredDevice, credential: DiscoveryCredential | null) =>
    openForm(fromDiscovered(device, { townshipId: '', villageId: '', category: '3' }, credential), null, device.address);

  const onSaved = () => {
    setRefreshKey((k) => k + 1);
    setTab(draft.origin ? 'discovery' : 'cameras');
  };

  return (
    <section className="dev-section" data-testid="devices-section" data-user={user.username}>
      <div className="segmented dev-tabs" role="tablist">
        {TABS.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} data-testid={`devices-tab-${id}`} onClick={() => setTab(id)}>
            {t(`devices.tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="dev-body">
        <div hidden={tab !== 'discovery'}>
          <DiscoveryPanel api={api} choices={choices} onRegister={registerDiscovered} refreshKey={refreshKey} />
        </div>
        {tab === 'register' && (
          <>
            <CameraForm
              key={draft.key}
              api={api}
              choices={choices}
              initial={draft.initial}
              camera={draft.camera}
              origin={draft.origin}
              onSaved={onSaved}
              onCancel={() => setTab(draft.origin ? 'discovery' : 'cameras')}
            />
            {draft.camera && <RecordingPlanPanel key={draft.camera.id} cameraId={draft.camera.id} />}
            {draft.camera && <CameraStatusHistory api={api} cameraId={draft.camera.id} />}
          </>
        )}
        {/* Kept mounted: back from editing a camera, the technician is on the same page with the same filters. */}
        <div hidden={tab !== 'cameras'}>
          <CameraList api={api} choices={choices} refreshKey={refreshKey} onEdit={editCamera} onNew={() => openForm(emptyForm(), null, null)} />
        </div>
        <div hidden={tab !== 'import'}>
          <CsvImportPanel api={api} choices={choices} onImported={() => setRefreshKey((k) => k + 1)} />
        </div>
      </div>
    </section>
  );
}
