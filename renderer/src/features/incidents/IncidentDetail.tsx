import { useRef, useState, type ReactNode } from 'react';
import type { CameraDto } from '../../../../contracts/src/camera';
import type { IncidentAttachmentDto, IncidentDetailDto, IncidentUserAction } from '../../../../contracts/src/incident';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { roleHas } from '../../../../contracts/src/permissions';
import { toGatewayError } from '../../gateway/gateway-error';
import { useI18n } from '../../i18n/use-t';
import { useToast } from '../../components/ui/toasts';
import { UPLOAD_MAX_BYTES, UPLOAD_TYPES } from './incident-api';
import { orgName } from './incident-format';
import { IncidentActions } from './IncidentActions';
import type { Actor } from './incident-workflow';
import { formatDateTime } from '../../i18n/date-format';
import { categoryName } from './IncidentCategoryOptions';
import { reporterText, timelineNoteText } from './incident-text';
import { alarmShortLabel } from '../alarms';

export interface IncidentDetailProps {
  incident: IncidentDetailDto;
  user: Actor;
  canUpload: boolean;
  orgUnitsById: ReadonlyMap<string, OrgUnit>;
  camerasById: ReadonlyMap<string, CameraDto>;
  townships: readonly OrgUnit[];
  within: (unit: string, ancestor: string) => boolean;
  onAct: (action: IncidentUserAction, body: Record<string, unknown>) => Promise<void>;
  onUpload: (file: File) => Promise<void>;
  onClose: () => void;
  onRefresh: () => void;
  showCameraOnWall: (cameraId: string) => void;
  /** 回放 of a camera from a moment (less 10 s); absent without camera.playback. */
  openPlayback?: (cameraId: string, atIso: string) => void;
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

/** One incident: every field, the workflow actions, cameras and alarms, attachments, and the timeline. */
export function IncidentDetail(p: IncidentDetailProps) {
  const { incident: i } = p;
  const { t, lang } = useI18n();
  const toast = useToast();
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const when = (iso: string | null) => formatDateTime(iso, lang);
  const yesNo = (b: boolean | null) => (b === null ? t('incidents.field.none') : t(b ? 'incidents.field.yes' : 'incidents.field.no'));
  const cameraName = (id: string) => p.camerasById.get(id)?.name ?? t('incidents.cameras.unknown', { id });
  const responsible = i.responsibleOrgUnitId ? orgName(i.responsibleOrgUnitId, p.orgUnitsById, lang) : (i.responsibleDepartment ?? t('incidents.field.none'));

  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (!UPLOAD_TYPES.includes(file.type)) return toast('error', t('incidents.attachments.badType'));
    if (file.size > UPLOAD_MAX_BYTES) return toast('error', t('incidents.attachments.tooLarge'));
    setUploading(true);
    try {
      await p.onUpload(file);
      toast('success', t('incidents.attachments.uploaded'));
    } catch (error) {
      toast('error', t('incidents.attachments.failed', { message: toGatewayError(error).message }));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <article className="incident-detail" data-testid="incident-detail" data-incident-id={i.id} data-state={i.state} data-code={i.code}>
      <header className="incident-detail-head">
        <div className="incident-detail-title">
          <span className="incident-code">{i.code}</span>
          <h2>{i.title}</h2>
          <span className={`incident-state state-${i.state}`}>{t(`incidents.state.${i.state}`)}</span>
          {i.supervised && <span className="incident-badge badge-supervised">{t('incidents.badge.supervised')}</span>}
          {i.overdue && <span className="incident-badge badge-overdue">{t('incidents.badge.overdue')}</span>}
        </div>
        <div className="incident-detail-tools">
          <button type="button" className="ghost" onClick={p.onRefresh}>
            {t('incidents.detail.refresh')}
          </button>
          <button type="button" className="ghost" data-testid="incident-detail-close" onClick={p.onClose}>
            {t('incidents.detail.close')}
          </button>
        </div>
      </header>

      <section className="incident-block">
        <h3>{t('incidents.actions')}</h3>
        <IncidentActions incident={i} user={p.user} within={p.within} townships={p.townships} onAct={p.onAct} />
      </section>

      <dl className="incident-fields">
        <Field label={t('incidents.field.category')}>{categoryName(i.category, lang)}</Field>
        <Field label={t('incidents.field.occurredAt')}>{when(i.occurredAt)}</Field>
        <Field label={t('incidents.field.place')}>{orgName(i.place.orgUnitId, p.orgUnitsById, lang)}</Field>
        <Field label={t('incidents.field.address')}>{i.place.address ?? t('incidents.field.none')}</Field>
        <Field label={t('incidents.field.coords')}>{i.place.lat !== null && i.place.lng !== null ? `${i.place.lat.toFixed(5)}, ${i.place.lng.toFixed(5)}` : t('incidents.field.none')}</Field>
        <Field label={t('incidents.field.reporter')}>
          {reporterText(t, i.reporter)}
        </Field>
        <Field label={t('incidents.field.phone')}>{i.reporter.phone ?? (roleSeesPhone(p.user) ? t('incidents.field.none') : t('incidents.field.hidden'))}</Field>
        <Field label={t('incidents.field.responsible')} testId="incident-responsible">
          {responsible}
        </Field>
        <Field label={t('incidents.field.deadline')}>{when(i.deadline)}</Field>
        <Field label={t('incidents.field.supervised')}>{yesNo(i.supervised)}</Field>
        <Field label={t('incidents.field.overdue')}>{yesNo(i.overdue)}</Field>
        <Field label={t('incidents.field.feedback')} testId="incident-feedback">
          {i.feedback ?? t('incidents.field.none')}
        </Field>
        {i.category === 'dispute' && <Field label={t('incidents.field.disputeResolved')}>{yesNo(i.disputeResolved)}</Field>}
        <Field label={t('incidents.field.visit')}>{i.visit ? t('incidents.field.visitText', { satisfaction: i.visit.satisfaction, result: i.visit.result, at: when(i.visit.at) }) : t('incidents.field.none')}</Field>
        <Field label={t('incidents.field.createdAt')}>{when(i.createdAt)}</Field>
        <Field label={t('incidents.field.updatedAt')}>{when(i.updatedAt)}</Field>
        <Field label={t('incidents.field.closedAt')}>{when(i.closedAt)}</Field>
      </dl>
      {i.description && (
        <section className="incident-block">
          <h3>{t('incidents.field.description')}</h3>
          <p className="incident-description">{i.description}</p>
        </section>
      )}

      <div className="incident-columns">
        <section className="incident-block">
          <h3>{t('incidents.cameras')}</h3>
          {i.cameraIds.length === 0 ? (
            <p className="incident-muted">{t('incidents.cameras.none')}</p>
          ) : (
            <ul className="incident-links">
              {i.cameraIds.map((id) => (
                <li key={id} data-camera-id={id}>
                  <span>{cameraName(id)}</span>
                  <button type="button" className="ghost" data-testid={`incident-camera-wall-${id}`} onClick={() => p.showCameraOnWall(id)}>
                    {t('incidents.cameras.showOnWall')}
                  </button>
                  {p.openPlayback && (
                    <button type="button" className="ghost" data-testid={`incident-camera-playback-${id}`} title={t('playback.openTitle')} onClick={() => p.openPlayback!(id, i.occurredAt)}>
                      {t('playback.open')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="incident-block">
          <h3>{t('incidents.alarms')}</h3>
          {i.alarms.length === 0 ? (
            <p className="incident-muted">{t('incidents.alarms.none')}</p>
          ) : (
            <ul className="incident-links" data-testid="incident-alarms">
              {i.alarms.map((a) => (
                <li key={a.id} data-alarm-id={a.id}>
                  <span>
                    {alarmShortLabel(t, a)} {when(a.at)}
                    {a.cameraId ? ` · ${cameraName(a.cameraId)}` : ''}
                  </span>
                  {a.cameraId && (
                    <button type="button" className="ghost" onClick={() => p.showCameraOnWall(a.cameraId!)}>
                      {t('incidents.cameras.showOnWall')}
                    </button>
                  )}
                  {a.cameraId && p.openPlayback && (
                    <button type="button" className="ghost" data-testid={`incident-alarm-playback-${a.id}`} title={t('playback.openTitle')} onClick={() => p.openPlayback!(a.cameraId!, a.at ?? i.occurredAt)}>
                      {t('playback.open')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="incident-block">
        <h3>{t('incidents.attachments')}</h3>
        {i.attachments.length === 0 ? <p className="incident-muted">{t('incidents.attachments.none')}</p> : <Attachments items={i.attachments} />}
        {p.canUpload && (
          <div className="incident-upload">
            <label className="ghost">
              {uploading ? t('incidents.attachments.uploading') : t('incidents.attachments.upload')}
              <input ref={fileInput} type="file" hidden accept={UPLOAD_TYPES.join(',')} data-testid="incident-upload" disabled={uploading} onChange={(e) => void upload(e.target.files?.[0])} />
            </label>
            <span className="incident-muted">{t('incidents.attachments.uploadHint')}</span>
          </div>
        )}
      </section>

      <section className="incident-block">
        <h3>{t('incidents.timeline')}</h3>
        <ol className="incident-timeline" data-testid="incident-timeline">
          {i.timeline.map((e) => (
            <li key={e.id} className={`timeline-item action-${e.action}`} data-testid="incident-timeline-item" data-action={e.action}>
              <div className="timeline-head">
                <span className="timeline-action">{t(`incidents.action.${e.action}`)}</span>
                {e.fromState !== e.toState && e.fromState !== null && (
                  <span className="timeline-transition">{t('incidents.timeline.transition', { from: t(`incidents.state.${e.fromState}`), to: t(`incidents.state.${e.toState}`) })}</span>
                )}
                <span className="timeline-who">{e.userId === null ? t('incidents.timeline.system') : `${e.displayName} (${e.username})`}</span>
                <time className="timeline-when" dateTime={e.at}>
                  {when(e.at)}
                </time>
              </div>
              {e.note && <p className="timeline-note">{timelineNoteText(t, lang, e, i.alarms, p.orgUnitsById)}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** The reporter's phone is personal data the gateway returns only to incident.write roles. */
function roleSeesPhone(user: Actor): boolean {
  return roleHas(user.role, 'incident.write');
}

function Attachments({ items }: { items: readonly IncidentAttachmentDto[] }) {
  const { t, lang } = useI18n();
  return (
    <ul className="incident-attachments" data-testid="incident-attachments">
      {items.map((a) => (
        <li key={a.id} data-attachment-id={a.id} data-kind={a.kind}>
          {a.contentType.startsWith('image/') ? (
            <a href={a.url} target="_blank" rel="noreferrer" title={a.fileName}>
              <img src={a.url} alt={a.fileName} loading="lazy" />
            </a>
          ) : (
            <div className="attachment-file">PDF</div>
          )}
          <div className="attachment-meta">
            <span>{t(`incidents.attachments.kind.${a.kind}`)}</span>
            <span>{formatDateTime(a.createdAt, lang)}</span>
            <span>{new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(a.size / 1024)} KB</span>
            <a href={a.url} download={a.fileName} data-testid="incident-attachment-download">
              {t('incidents.attachments.download')}
            </a>
          </div>
        </li>
      ))}
    </ul>
  );
}
