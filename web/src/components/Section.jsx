// One numbered step of the journey.
import './Section.css';

export function Section({ id, number, title, intro, children }) {
  return (
    <section id={id} class="section" aria-labelledby={`${id}-title`}>
      <header class="section-head">
        <span class="step-number" aria-hidden="true">
          {number}
        </span>
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          {intro && <p class="section-intro">{intro}</p>}
        </div>
      </header>
      <div class="section-body">{children}</div>
    </section>
  );
}
