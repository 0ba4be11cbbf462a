import { useState } from 'react';

/**
 * The video, blurred and muted until the moderator reveals it (README#moderation): nobody sees or hears
 * reported content by accident. Revealing un-blurs it and allows sound; "Hide" blurs it again.
 */
export function CaseMedia({ videoUrl, thumbnailUrl, title, revealed, onReveal }: {
  videoUrl: string;
  thumbnailUrl: string;
  title: string;
  revealed: boolean;
  onReveal: (next: boolean) => void;
}) {
  const [failed, setFailed] = useState(false);
  return (
    <div className="media" data-testid="case-media" data-revealed={revealed ? 'true' : 'false'}>
      <div className={revealed ? 'media__frame' : 'media__frame media__frame--blurred'}>
        {videoUrl ? (
          <video
            key={videoUrl}
            className="media__video"
            src={videoUrl}
            poster={thumbnailUrl || undefined}
            muted={!revealed}
            controls={revealed && !failed}
            playsInline
            preload="metadata"
            aria-label={`Video: ${title}`}
            data-testid="case-video"
            onError={() => setFailed(true)}
          />
        ) : null}
        {(!videoUrl || failed) && (
          <div className="media__missing" data-testid="case-video-missing">
            <span aria-hidden="true">▶</span>
            <span>{videoUrl ? 'The media server did not return this video.' : 'No media URL for this video.'}</span>
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
