// A drop held several data sets (e.g. ml-100k and ml-1m): which one?
import { chooseFolder } from '../../app/data-actions.js';
import { useT } from '../../i18n/index.js';

export function FolderChoice({ folders }) {
  const t = useT();
  return (
    <div
      class="note warn folder-choice"
      role="group"
      aria-label={t('data.chooseFolderTitle')}
      data-testid="choose-folder"
    >
      <p>
        <strong>{t('data.chooseFolderTitle')}</strong> {t('data.chooseFolderHelp')}
      </p>
      <div class="row">
        {folders.map((folder) => (
          <button
            key={folder}
            type="button"
            onClick={() => chooseFolder(folder)}
            data-testid="choose-folder-option"
            data-folder={folder}
          >
            {folder || t('data.topFolder')}
          </button>
        ))}
      </div>
    </div>
  );
}
