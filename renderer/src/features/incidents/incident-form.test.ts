import { describe, expect, it } from 'vitest';
import { incidentCreateSchema } from '../../../../contracts/src/incident';
import { GatewayError } from '../../gateway/gateway-error';
import { emptyForm, isValid, sendWithRetry, toCreateBody, validateIncidentForm } from './incident-form';

const valid = { ...emptyForm('141130101'), title: '路口积水', description: '雨后积水', lat: '37.05', lng: '111.28', reporterName: '张三', reporterPhone: '138 0000 0000' };

describe('incident form validation', () => {
  it('accepts a complete form, and its body passes the contract', () => {
    expect(validateIncidentForm(valid)).toEqual({});
    const id = '0b0a8f5e-8c1f-4b7a-9d3e-2f6c1a4b5c6d';
    const body = toCreateBody(valid, id);
    expect(incidentCreateSchema.safeParse(body).success).toBe(true);
    expect(body.place).toEqual({ orgUnitId: '141130101', lat: 37.05, lng: 111.28, address: null });
    expect(body.reporter).toEqual({ kind: 'operator', name: '张三', phone: '138 0000 0000' });
  });

  it('requires a title and a place', () => {
    const e = validateIncidentForm(emptyForm());
    expect(e.title?.key).toBe('incidents.form.err.titleRequired');
    expect(e.orgUnitId?.key).toBe('incidents.form.err.placeRequired');
    expect(isValid(e)).toBe(false);
    expect(validateIncidentForm({ ...valid, title: 'x'.repeat(121) }).title).toEqual({ key: 'incidents.form.err.titleTooLong', params: { max: 120 } });
  });

  it('checks coordinates: numbers in range, both or neither', () => {
    expect(validateIncidentForm({ ...valid, lat: '91' }).lat?.key).toBe('incidents.form.err.lat');
    expect(validateIncidentForm({ ...valid, lng: 'abc' }).lng?.key).toBe('incidents.form.err.lng');
    expect(validateIncidentForm({ ...valid, lng: '' }).lng?.key).toBe('incidents.form.err.latLngPair');
    expect(validateIncidentForm({ ...valid, lat: '', lng: '' })).toEqual({});
  });

  it('checks the phone and the camera count', () => {
    expect(validateIncidentForm({ ...valid, reporterPhone: 'call me' }).reporterPhone?.key).toBe('incidents.form.err.phone');
    expect(validateIncidentForm({ ...valid, cameraIds: Array.from({ length: 33 }, (_, i) => `c${i}`) }).cameraIds?.key).toBe('incidents.form.err.tooManyCameras');
  });
});

describe('durable save', () => {
  const noSleep = () => Promise.resolve();

  it('retries network failures with the same request until the gateway answers', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const retries: number[] = [];
    const body = JSON.stringify(toCreateBody(valid, 'same-id'));
    const result = await sendWithRetry(
      async () => {
        bodies.push(body);
        if (++calls < 3) throw new TypeError('Failed to fetch');
        return { id: 'i1' };
      },
      { sleep: noSleep, onRetry: (n) => retries.push(n) },
    );
    expect(result).toEqual({ id: 'i1' });
    expect(calls).toBe(3);
    expect(new Set(bodies).size).toBe(1);
    expect(retries).toEqual([2, 3]);
  });

  it('does not retry what the gateway refused', async () => {
    let calls = 0;
    await expect(
      sendWithRetry(
        async () => {
          calls++;
          throw new GatewayError(400, 'bad_request', 'body.title: required');
        },
        { sleep: noSleep },
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(calls).toBe(1);
  });

  it('gives up after the last delay', async () => {
    let calls = 0;
    await expect(
      sendWithRetry(
        async () => {
          calls++;
          throw new GatewayError(503, 'unavailable', 'busy');
        },
        { sleep: noSleep, delaysMs: [1, 1] },
      ),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(3);
  });
});
