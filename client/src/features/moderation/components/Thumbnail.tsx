import { useState } from 'react';

/** The video's thumbnail, or a neutral tile when there is none or it does not load. */
export function Thumbnail({ src, videoId }: { src: string; videoId: number }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) {
    return (
      <span className="thumb thumb--none" aria-label={`Video ${videoId}: no thumbnail`} role="img">
        ▶
      </span>
    );
  }
  return <img className="thumb" src={src} alt={`Thumbnail of video ${videoId}`} loading="lazy" onError={() => setFailed(true)} />;
}
