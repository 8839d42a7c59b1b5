import type { RenderPlaylistOptions } from './packager-types';

/** Stands for the caller's query while rendering; never part of a real playlist (NUL is not allowed in one). */
const SLOT = '\u0000query\u0000';
/** Viewers of one stream each bring their own token; past this the texts start afresh. */
const MAX_TEXTS = 32;

/**
 * The playlist changes only when the packager's window does (a new part, segment or run), while every viewer asks
 * for it after each part (blocking reload) with its own token. So the text is rendered once per window change with
 * a placeholder for the query, and each (query, skip) text is that template with the query filled in: the same
 * bytes `renderMediaPlaylist` would give, since every URI is `<relative path>?<query>`.
 */
export class PlaylistCache {
  private readonly templates = new Map<boolean, string>();
  private readonly texts = new Map<string, string>();

  /** The window changed. */
  invalidate(): void {
    this.templates.clear();
    this.texts.clear();
  }

  get(opts: RenderPlaylistOptions, render: (opts: RenderPlaylistOptions) => string | null): string | null {
    const skip = opts.skip === true;
    const query = opts.query?.replace(/^[?&]+/, '') ?? ''; // as withQuery() normalises it
    const key = `${skip ? 1 : 0}${query}`;
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    let text: string | null;
    if (query) {
      let template = this.templates.get(skip);
      if (template === undefined) {
        const rendered = render({ skip, query: SLOT });
        if (rendered === null) return null;
        this.templates.set(skip, (template = rendered));
      }
      text = template.split(SLOT).join(query);
    } else text = render({ skip });
    if (text === null) return null;
    if (this.texts.size >= MAX_TEXTS) this.texts.clear();
    this.texts.set(key, text);
    return text;
  }
}
