// Video thumbnails: the platform's videos carry thumbnail_url '/media/thumb/<id>.svg' and the
// console has no media store, so it draws a deterministic placeholder per video (a tile in a
// colour derived from the id). Same origin, so the strict CSP (img-src 'self') allows it.
import { z } from 'zod';
import { route, type Access } from '../../http/route.js';

// Dashboards and the moderation queue both show thumbnails; advertisers see no platform videos.
const platform: Access = { kind: 'session', roles: ['admin', 'moderator', 'oncall', 'analyst'] };
export const zThumbParams = z.object({ file: z.string().regex(/^\d{1,18}\.svg$/, 'must be <video id>.svg') });

export function thumbnailSvg(id: bigint): string {
  const hue = Number((id * 137n) % 360n);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90" width="160" height="90">` +
    `<rect width="160" height="90" fill="hsl(${hue} 55% 45%)"/>` +
    `<rect width="160" height="90" fill="hsl(${(hue + 40) % 360} 60% 60%)" opacity="0.45" transform="skewX(-20)"/>` +
    `<polygon points="68,30 68,60 94,45" fill="#fff" opacity="0.9"/></svg>`
  );
}

export function thumbnailRoutes() {
  return [
    route({
      method: 'get',
      path: '/media/thumb/:file',
      summary: 'A placeholder thumbnail for a video (SVG, drawn from the id).',
      access: platform,
      params: zThumbParams,
      rawResponse: 'An SVG image (image/svg+xml)',
      handler: (ctx) => {
        ctx.res.setHeader('Content-Type', 'image/svg+xml');
        ctx.res.setHeader('Cache-Control', 'private, max-age=86400');
        ctx.res.send(thumbnailSvg(BigInt(ctx.params.file.replace('.svg', ''))));
        return undefined;
      },
    }),
  ];
}
