/** The shell's own switches (besides --gateway, see gateway-address.ts). */
export function switchValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = argv.find((arg) => arg.startsWith(prefix));
  return hit === undefined ? undefined : hit.slice(prefix.length);
}

export function hasSwitch(argv: readonly string[], name: string): boolean {
  return argv.includes(`--${name}`);
}
