// The credentials a scan was started with, kept in this page's memory only (never stored, never from the gateway,
// which drops them when the scan ends): reopening a recent scan after visiting another page still registers its
// devices with the credential each accepted. A reload forgets them; registering then asks for the password.
import type { DiscoveryCredential } from '../../../../contracts/src/discovery';

const MAX_SCANS = 10;
const byScan = new Map<string, DiscoveryCredential[]>();

export function rememberScanCredentials(scanId: string, credentials: DiscoveryCredential[]): void {
  byScan.delete(scanId);
  byScan.set(scanId, credentials);
  for (const id of byScan.keys()) {
    if (byScan.size <= MAX_SCANS) break;
    byScan.delete(id);
  }
}

/** null when this page never started the scan (another session's, or before a reload). */
export function scanCredentials(scanId: string): DiscoveryCredential[] | null {
  return byScan.get(scanId) ?? null;
}
