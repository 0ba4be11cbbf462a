// Demo video media: the demo's videos carry video_url '/media/video/<id>.webm' and the console
// ships four short generated clips (media/clips, WebM VP8 + Opus, ~4 s, tens of KB each: test
// patterns made with ffmpeg's lavfi sources, no third-party footage). Video <id> plays clip
// 1 + id % 4. Served with HTTP range requests (206, Accept-Ranges) by Express's sendFile, which
// is what a <video> element needs to start and seek. A real deployment's videos live on the
// platform's CDN (MEDIA_ORIGINS), not here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { route, type Access } from '../../http/route.js';

export const CLIPS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../media/clips');
export const CLIP_COUNT = 4;

// Who sees platform videos: the same roles as thumbnails (advertisers see no platform videos).
const platform: Access = { kind: 'session', roles: ['admin', 'moderator', 'oncall', 'analyst'] };
export const zVideoParams = z.object({ file: z.string().regex(/^\d{1,18}\.webm$/, 'must be <video id>.webm') });

/** The clip file that plays for a video id. */
export function clipFor(id: bigint): string {
  return path.join(CLIPS_DIR, `clip-${1 + Number(id % BigInt(CLIP_COUNT))}.webm`);
}

export function mediaRoutes() {
  return [
    route({
      method: 'get',
      path: '/media/video/:file',
      summary: 'A demo video (WebM, one of four generated clips chosen by the id), with HTTP range requests.',
      access: platform,
      params: zVideoParams,
      rawResponse: 'A WebM video (video/webm); Range requests answer 206 with the part asked for',
      handler: (ctx) =>
        new Promise<undefined>((resolve, reject) => {
          const file = clipFor(BigInt(ctx.params.file.replace('.webm', '')));
          ctx.res.sendFile(
            file,
            { headers: { 'Content-Type': 'video/webm', 'Cache-Control': 'private, max-age=86400' }, acceptRanges: true, lastModified: true },
            (err) => {
              if (err && !ctx.res.headersSent) reject(err);
              else resolve(undefined);
            },
          );
        }),
    }),
  ];
}
