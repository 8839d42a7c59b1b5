// The set of message keys. i18n/ knows no feature, so the key list is filled in by app/dictionaries.ts (module
// augmentation of `Messages`) from the tables it merges; every `t('…')` is still checked against the full list.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmented by app/dictionaries.ts
export interface Messages {}

export type MessageKey = keyof Messages & string;

/** One language's strings: exactly the registered keys. */
export type Dictionary = Readonly<Record<MessageKey, string>>;
