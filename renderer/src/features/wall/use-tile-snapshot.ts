import { useCallback } from 'react';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { snapshotFileName } from './snapshot-file';

/** Saves a JPEG through a temporary link; where downloads are blocked the browser opens it instead. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

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
          download(blob, fileName);
          toast('success', t('snapshot.saved', { file: fileName }));
        },
        (error: unknown) => toast('error', t('snapshot.failed', { message: toGatewayError(error).message })),
      );
    },
    [client, toast, t, profileFor],
  );
}
