import { useEffect, useRef, useState } from 'react';
import './media.css';

/**
 * A platform video, blurred and muted until the viewer reveals it (README#moderation): nobody sees or
 * hears reported content by accident. Revealing un-blurs it, allows sound and starts playback
 * (the click is the gesture the browser asks for); "Hide again" pauses, blurs and mutes it.
 * The URLs come from the server, already checked against the media allowlist (MEDIA_ORIGINS);
 * an empty URL means there is none, or it is on an origin the console does not allow.
 */
export function RevealableVideo({
  videoUrl,
  thumbnailUrl,
  title,
  revealed,
  onReveal,
  testId = 'case',
}: {
  videoUrl: string;
  thumbnailUrl: string;
  title: string;
  revealed: boolean;
  onReveal: (next: boolean) => void;
  testId?: string;
}) {
  const [failed, setFailed] = useState(false);
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    if (revealed) {
      v.muted = false;
      // A refused play() (no gesture, no media) leaves the controls to the viewer.
      v.play().catch(() => undefined);
    } else {
      v.pause();
      v.muted = true;
    }
  }, [revealed]);
  return (
    <div className="media" data-testid={`${testId}-media`} data-revealed={revealed ? 'true' : 'false'}>
      <div className={revealed ? 'media__frame' : 'media__frame media__frame--blurred'}>
        {videoUrl ? (
          <video
            ref={ref}
            key={videoUrl}
            className="media__video"
            src={videoUrl}
            poster={thumbnailUrl || undefined}
            muted={!revealed}
            controls={revealed && !failed}
            loop
            playsInline
            preload="auto"
            aria-label={`Video: ${title}`}
            data-testid={`${testId}-video`}
            onError={() => setFailed(true)}
          />
        ) : thumbnailUrl ? (
          <img className="media__poster" src={thumbnailUrl} alt={`Thumbnail of ${title}`} />
        ) : null}
        {(!videoUrl || failed) && (
          <div className="media__missing" data-testid={`${testId}-video-missing`}>
            <span aria-hidden="true">▶</span>
            <span>
              {videoUrl ? 'The media server did not return this video.' : 'No playable media URL for this video (none, or not on an allowed media origin).'}
            </span>
          </div>
        )}
      </div>
      {!revealed && (
        <div className="media__cover">
          <p>Reported content is blurred and muted.</p>
          <button type="button" className="button button--primary" onClick={() => onReveal(true)} data-testid="reveal-media">
            Reveal media <kbd>v</kbd>
          </button>
        </div>
      )}
      {revealed && (
        <button type="button" className="button button--small media__hide" onClick={() => onReveal(false)}>
          Hide again
        </button>
      )}
    </div>
  );
}
