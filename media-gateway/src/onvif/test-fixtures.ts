/** Reads tests/fixtures/onvif/<path> for the unit tests next to this file. */
import { readFileSync } from 'node:fs';

export function onvifFixture(path: string): string {
  return readFileSync(new URL(`../../../tests/fixtures/onvif/${path}`, import.meta.url), 'utf8');
}
