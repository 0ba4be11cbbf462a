// The media allowlist (MEDIA_ORIGINS): which origins the browser may load video and images from.
// The platform's videos and thumbnails live on its CDN; the console does not proxy them (bytes,
// range requests and caching stay with the CDN; no server-side fetch of arbitrary URLs), it lets
// the browser load them from the listed origins only. Of the console's own origin only its two
// media routes pass (the demo clips and the placeholder thumbnails, exactly `/media/thumb/<id>.svg`
// and `/media/video/<id>.webm`): any other same-origin URL (`/api/campaigns/1/events.csv`,
// `/media/../api/…`, `/media/thumb/1.svg?x`) would be fetched by the viewer's browser with the
// viewer's cookie (issue 17; docs/hardening.md#thumbnails).

/** CSP sources for media-src and img-src: 'self' plus the allowed origins. */
export function mediaSources(origins: readonly string[]): string[] {
  return ["'self'", ...origins];
}

const OWN_MEDIA = /^\/media\/(?:thumb\/\d{1,18}\.svg|video\/\d{1,18}\.webm)$/;

/** Whether a platform media URL may be shown: one of the console's own media files or a URL on an allowed origin. */
export function isAllowedMediaUrl(url: string, origins: readonly string[]): boolean {
  if (!url) return false;
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return OWN_MEDIA.test(url);
  try {
    const u = new URL(url);
    // No user:password@ (a credential the browser would send) on an allowed origin either.
    return (u.protocol === 'https:' || u.protocol === 'http:') && origins.includes(u.origin) && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** The URL when allowed, else '' (the page then says the media is not available here). */
export function allowedMediaUrl(url: string | null | undefined, origins: readonly string[]): string {
  return url && isAllowedMediaUrl(url, origins) ? url : '';
}
