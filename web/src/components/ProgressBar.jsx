// A labelled progress bar (fraction 0..1, or null for "working").
import './ProgressBar.css';

export function ProgressBar({ fraction, label, text, testid }) {
  const known = typeof fraction === 'number' && Number.isFinite(fraction);
  const percent = known ? Math.max(0, Math.min(100, fraction * 100)) : 0;
  return (
    <div class="progress" data-testid={testid}>
      <div
        class={`progress-track ${known ? '' : 'busy'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow={known ? Math.round(percent) : undefined}
        aria-valuetext={text}
      >
        <div class="progress-fill" style={{ width: known ? `${percent}%` : '30%' }} />
      </div>
      {text && (
        <div class="progress-text num" data-testid={testid && `${testid}-text`}>
          {text}
        </div>
      )}
    </div>
  );
}
