// The page: a header, the first recommendations, the steps of the journey as
// numbered sections, each with the alerts that concern it. Components talk to
// the store (app/) only. Titles follow the data's words (app/words.js), the
// document's title too.
import { useEffect } from 'preact/hooks';
import { useWords } from '../app/words.js';
import { Header } from './Header.jsx';
import { StepNav, STEPS } from './StepNav.jsx';
import { Section } from './Section.jsx';
import { EngineBanner } from './EngineBanner.jsx';
import { ModelBanner } from './ModelBanner/ModelBanner.jsx';
import { FirstRecommendations } from './FirstRecommendations/FirstRecommendations.jsx';
import { AlertRegion } from './AlertRegion.jsx';
import { DataPanel } from './DataPanel/DataPanel.jsx';
import { TrainPanel } from './TrainPanel/TrainPanel.jsx';
import { TunePanel } from './TunePanel/TunePanel.jsx';
import { FavoritesPanel } from './FavoritesPanel/FavoritesPanel.jsx';
import { Recommendations } from './Recommendations/Recommendations.jsx';
import { SimilarMovies } from './SimilarMovies/SimilarMovies.jsx';
import { PreferenceCheck } from './PreferenceCheck/PreferenceCheck.jsx';
import { EmbeddingMap } from './EmbeddingMap/EmbeddingMap.jsx';
import { EvaluationPanel } from './EvaluationPanel/EvaluationPanel.jsx';
import { ComparePanel } from './ComparePanel/ComparePanel.jsx';
import { ModelFiles } from './ModelFiles/ModelFiles.jsx';
import './App.css';

const PANELS = {
  data: DataPanel,
  train: TrainPanel,
  tune: TunePanel,
  favorites: FavoritesPanel,
  recommendations: Recommendations,
  similar: SimilarMovies,
  preference: PreferenceCheck,
  map: EmbeddingMap,
  evaluate: EvaluationPanel,
  compare: ComparePanel,
  keep: ModelFiles,
};

export function App() {
  const t = useWords();
  const documentTitle = t('app.documentTitle');
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <StepNav />
      <main id="main" class="page">
        <EngineBanner />
        <AlertRegion />
        <ModelBanner />
        <FirstRecommendations />
        {STEPS.map((step, k) => {
          if (step === 'recommendations') return null; // drawn beside the favorites
          const section = (name, n) => {
            const Panel = PANELS[name];
            return (
              <Section key={name} id={`step-${name}`} number={n} title={t(`${name}.title`)} intro={t(`${name}.intro`)}>
                <AlertRegion step={name} />
                <Panel />
              </Section>
            );
          };
          if (step === 'favorites') {
            return (
              <div class="pair" key="pair">
                {section('favorites', k + 1)}
                {section('recommendations', k + 2)}
              </div>
            );
          }
          return section(step, k + 1);
        })}
      </main>
      <footer class="page-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
