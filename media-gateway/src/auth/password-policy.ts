/** Why a chosen password is refused, or null. Length is what matters most; a trivially repetitive one is refused too. */
export function passwordProblem(password: string, username: string, minLength: number): string | null {
  if ([...password].length < minLength) return `at least ${minLength} characters`;
  if (password.length > 256) return 'at most 256 characters';
  if (password.toLowerCase() === username.toLowerCase()) return 'must not be the username';
  if (new Set(password).size < 4) return 'too few different characters';
  return null;
}
