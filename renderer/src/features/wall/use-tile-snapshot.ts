import { useCallback } from 'react';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { snapshotFileName } from './snapshot-file';
import { saveBlob } from '../../components/ui/save-blob';

/** The tile snapshot button: fetches the gateway's snapshot of the tile's profile and downloads it, with a toast. */
export function useTileSnapshot(profileFor: (cameraId: string) => StreamProfile): (cameraId: string, cameraName: string) => void {
  const client = useGatewayClient();
  const toast = useToast();
  const t = useT();
  return useCallback(
    (cameraId: string, cameraName: string) => {
      const fileName = snapshotFileName(t('snapshot.filePrefix'), cameraName, new Date());
      client.getSnapshot(cameraId, profileFor(cameraId)).then(
        (blob) => {
          saveBlob(blob, fileName);
          toast('success', t('snapshot.saved', { file: fileName }));
        },
        (error: unknown) => toast('error', t('snapshot.failed', { message: toGatewayError(error).message })),
      );
    },
    [client, toast, t, profileFor],
  );
}
