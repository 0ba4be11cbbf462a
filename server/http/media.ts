// The media allowlist (MEDIA_ORIGINS): which origins the browser may load video and images from.
// The platform's videos and thumbnails live on its CDN; the console does not proxy them (bytes,
// range requests and caching stay with the CDN; no server-side fetch of arbitrary URLs), it lets
// the browser load them from the listed origins only. Relative URLs under /media/ are the
// console's own (the demo clips and the placeholder thumbnails) and always allowed.

/** CSP sources for media-src and img-src: 'self' plus the allowed origins. */
export function mediaSources(origins: readonly string[]): string[] {
  return ["'self'", ...origins];
}

/** Whether a platform media URL may be shown: the console's own /media/… or an allowed origin. */
export function isAllowedMediaUrl(url: string, origins: readonly string[]): boolean {
  if (!url) return false;
  if (url.startsWith('/media/') && !url.startsWith('//')) return true;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && origins.includes(u.origin);
  } catch {
    return false;
  }
}

/** The URL when allowed, else '' (the page then says the media is not available here). */
export function allowedMediaUrl(url: string | null | undefined, origins: readonly string[]): string {
  return url && isAllowedMediaUrl(url, origins) ? url : '';
}
