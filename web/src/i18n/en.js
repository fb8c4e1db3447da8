// English UI strings. {name} is replaced by a value; data (titles, genres,
// engine messages) is never translated.
export default {
  'app.title': 'ALS Movies',
  'app.tagline': 'A movie recommender that trains itself in your browser. Nothing you load here leaves your machine.',
  'app.skip': 'Skip to the steps',
  'app.footer':
    'Implicit-feedback ALS (Hu, Koren & Volinsky 2008), the model of the Python library implicit, compiled from C++ to WebAssembly and run in a web worker. Your files, favorites and models stay in this browser.',
  'nav.label': 'Steps',
  'lang.label': 'Language',
  'common.cancel': 'Cancel',
  'common.dismiss': 'Dismiss',
  'units.factors': { one: '{count} factor', other: '{count} factors' },
  'units.iterations': { one: '{count} iteration', other: '{count} iterations' },
  'units.users': { one: '{count} user', other: '{count} users' },
  'units.items': { one: '{count} item', other: '{count} items' },
  'units.ratings': { one: '{count} rating', other: '{count} ratings' },
  'units.cells': { one: '{count} non-zero cell', other: '{count} non-zero cells' },

  'build.starting': 'Starting the engine…',
  'build.failed': 'The engine could not start',
  'build.threads': { one: 'WebAssembly SIMD · {count} thread', other: 'WebAssembly SIMD · {count} threads' },
  'build.simd': 'WebAssembly SIMD · 1 thread',
  'build.isolated': 'cross-origin isolated',
  'build.notIsolated': 'not cross-origin isolated',
  'build.restarting': 'restarting…',
  'build.tooltip':
    'The engine build that runs here. Threads need a cross-origin isolated page (COOP/COEP headers). Kernels:',

  'banner.restarting': 'The engine stopped; restarting it and restoring your data and model…',
  'banner.restored': 'The engine stopped and was restarted; your data and model were restored.',
  'banner.restore-failed':
    'The engine stopped and was restarted, but your data or model could not be restored. Load them again.',
  'banner.restored-visit':
    'Welcome back: your last model and favorites were restored from this browser (saved {when}); nothing was retrained.',

  'error.title': 'Something went wrong while {action}.',
  'error.whereLine': 'Where: {file}, line {line}',
  'error.whereFile': 'Where: {file}',
  'error.opaque':
    'The engine stopped this step without saying why (an internal error). Try again; if it keeps happening, try a smaller file or other settings.',
  'error.kept': 'Your previous data, model and favorites are unchanged.',
  'error.memoryHint': 'Try a smaller data set or fewer factors. Your previous data, model and favorites are unchanged.',
  'fault.zipBomb':
    '{archive}: {entry} inflated from {compressed} to more than {inflated} ({ratio} : 1). Real data compress about 3–5 : 1; above {limit} : 1 it is a zip bomb, and it was stopped before being read.',
  'fault.zipBombDeclared':
    '{archive}: {entry} says it inflates from {compressed} to {inflated} ({ratio} : 1). Real data compress about 3–5 : 1; above {limit} : 1 it is a zip bomb, refused without inflating it.',
  'fault.zipBeyondDeclared':
    '{archive}: {entry} inflates beyond the {inflated} its zip declares: corrupt or a zip bomb, stopped.',
  'fault.zipTraversal':
    '{archive}: the entry “{entry}” has a name that climbs out of the archive (“..” or an absolute path): a zip built to overwrite files elsewhere, refused.',
  'fault.zipNested':
    '{archive} holds another zip, {entry}, and no data file of its own. Zips inside zips are not opened: unzip {archive} first and drop the zip it holds.',
  'fault.zipEncrypted':
    '{archive}: {entry} is encrypted (password-protected zips cannot be read here). Unzip it with its password first and drop the files.',
  'fault.zipTruncated': '{archive} is truncated (the file ends before the zip does). Was the download complete?',
  'fault.zipCorrupt': '{archive} is corrupt and cannot be read{entryPart}. Download it again.',
  'fault.zipCorruptEntry': ' ({entry})',
  'fault.zipMethod':
    '{archive}: {entry} uses compression method {method}; only stored and deflate entries can be read.',
  'fault.zipTooBig': '{archive}: {entry} would inflate to {inflated}, more than the {limit} a browser tab can hold.',
  'fault.threshold.rating': 'rating ≥ {min}',
  'fault.threshold.plays': 'plays ≥ {min}',
  'fault.threshold.value': 'value ≥ {min}',
  // (as the engine's own English, cpp/data/dataset.cpp why_untrainable)
  'fault.untrainable.nothingKept': {
    one: 'Nothing left after "{threshold}": {ratings} read, below {min} — lower the threshold or turn it off.',
    other: 'Nothing left after "{threshold}": {ratings} read, all below {min} — lower the threshold or turn it off.',
  },
  'fault.untrainable.tooFew':
    'Only {users} and {items} in the data ({ratings}): ALS needs at least 2 users and 2 items — load a data set with more users and items.',
  'fault.untrainable.tooFewKept':
    'Only {users} and {items} left after "{threshold}" ({kept} of {ratings} kept): ALS needs at least 2 users and 2 items — lower the threshold or turn it off.',
  'fault.memory.load':
    '{files}: loading these files needs about {needed} of memory ({held} held now + {peak}), more than the {budget} this browser tab can give. Try a smaller data set, or the command-line tool.',
  'fault.memory.train':
    'Training {factors} factors needs about {needed} of memory ({held} held now + {peak}), more than the {budget} this browser tab can give. Try fewer factors, a smaller data set, or the command-line tool.',
  'fault.memory.tune':
    'Tuning needs about {needed} of memory ({held} held now + {peak}), more than the {budget} this browser tab can give. Try a smaller data set, or the command-line tool.',
  'fault.memory.compare':
    'Comparing these models needs about {needed} of memory ({held} held now + {peak}: each trained model is kept for your lists), more than the {budget} this browser tab can give. Tick fewer models, give them fewer factors, or use the command-line tool (als compare).',
  'fault.memory.import':
    'Importing this model needs about {needed} of memory ({held} held now + {peak}), more than the {budget} this browser tab can give.',
  'fault.interrupted':
    'The engine stopped and was restarted before this was done; what you had before is back. Try again.',
  'fault.memory.exhausted': 'Out of memory: this needs more memory than the browser tab can give.',
  'fault.model.notOurs':
    'This is not a model file of this app (it does not start with ALSMODEL). Models from implicit (.npz) or Spark go under “Bring a model trained elsewhere”.',
  'fault.model.newer':
    'This model file is version {version}, newer than this app (it reads version {reads}). Open it with a newer version of the app.',
  'fault.model.truncated': 'The model file is truncated (it ends too early). Was the download or copy complete?',
  'fault.model.checksum':
    'The model file is corrupt or truncated (its checksum does not match). Was the download or copy complete?',
  'fault.model.corrupt': 'The model file is corrupt and cannot be read ({detail}).',
  'fault.model.incomplete': 'The model file is incomplete: its settings, ids or factors are missing.',
  'fault.import.npy': 'The implicit model file (.npz) cannot be read: {detail}.',
  'fault.import.model': 'This model cannot be imported: {detail}.',
  'fault.import.notImplicit':
    'This .npz is not an implicit ALS model: it has no user_factors and item_factors (it holds: {members}). Choose the file implicit writes with model.save("model.npz").',
  'fault.import.nearestNeighbours':
    'This .npz is an implicit item-item nearest-neighbour model (it holds: {members}), not ALS: it has no user or item factors to import. The nearest-neighbour models can be trained and compared in “Compare models”.',
  'fault.import.bprOrLmf':
    'This is an implicit BPR or LMF model (it has a learning_rate), not alternating least squares: its factors carry a bias column and there is no fold-in of a new user for it, so it cannot be imported here.',
  'fault.import.factorsDiffer':
    'user_factors has {userFactors} factors but item_factors has {itemFactors}: the two matrices do not belong to one model.',
  'fault.import.otherData':
    'This model does not belong to the loaded data ({detail}). Load the data it was trained on first.',
  'fault.import.spark': 'This Spark ALSModel cannot be read: {detail}.',
  'fault.import.unknownKind':
    '{file}: not a model this app reads. Choose implicit’s .npz (with user_factors.npy and item_factors.npy) or a Spark ALSModel folder or zip (metadata/, userFactors/, itemFactors/).',
  'action.startEngine': 'starting the engine',
  'action.loadFiles': 'reading your files',
  'action.loadDemo': 'loading the demo data',
  'action.prepare': 'applying the filter',
  'action.train': 'training',
  'action.evaluate': 'evaluating',
  'action.tune': 'finding good settings',
  'action.recommend': 'computing recommendations',
  'action.similar': 'finding similar movies',
  'action.preference': 'computing the predicted preference',
  'action.embedding': 'drawing the map',
  'action.keepModel': 'keeping the model in this browser',
  'action.saveModel': 'saving the model file',
  'action.loadModel': 'loading the model file',
  'action.importModel': 'importing the model',
  'action.exportModel': 'exporting the model',
  'action.restoreData': 'restoring your last data set',
  'action.restoreModel': 'restoring your last model',

  'notice.cancelled': 'Cancelled ({action}). Everything you had before is still there.',
  'notice.addFavoritesFirst': 'Add a few favorites first (step {step:favorites}).',
  'notice.settingsUsed':
    'The Train form now holds the tuned settings ({factors} factors, λ {regularization}, α {alpha}, {iterations} iterations): press Train to train with them.',
  'notice.dataNotKept':
    'Your data files ({names}) were too big to keep in the browser: the model is back, but load the files again to retrain.',
  'notice.modelLoadedMatches': 'Loaded {name}: it matches the data set loaded now.',
  'notice.modelLoadedOwnData': 'Loaded {name}: it brings its own movies (different from the data loaded now).',
  'notice.modelImported': 'Imported {name}: it answers every step now, on the data loaded.',
  'notice.forgotten': 'The saved model, favorites and data were removed from this browser.',
  'notice.nestedSkipped': {
    one: 'A zip inside the zip was not opened: {names}',
    other: '{count} zips inside the zip were not opened: {names}',
  },

  'data.short': 'Data',
  'data.title': 'Your data',
  'data.intro':
    'Drop the MovieLens files you downloaded from GroupLens (the .zip as it is, a folder, or the files), or the Last.fm 360K TSV. The format is detected and every file is reported.',
  'data.dropTitle': 'Drop files, a folder or a .zip here',
  'data.dropHelp':
    'ml-100k.zip, ml-1m.zip, ml-latest-small.zip, ml-25m.zip, their folders or files (u.data, ratings.dat, ratings.csv + titles), usersha1-artmbid-artname-plays.tsv, or any user,item,value CSV/TSV.',
  'data.chooseFiles': 'Choose files…',
  'data.chooseFolder': 'Choose a folder…',
  'data.useDemo': 'Use the generated demo set',
  'data.useShipped': 'Use MovieLens latest-small (shipped with the page)',
  'data.strict': 'Strict: stop at the first malformed line',
  'data.privacy': 'Files are read here, in this tab. Nothing is uploaded.',
  'data.progressLabel': 'Reading the data',
  'data.reading': 'Reading {done} of {total} {file}',
  'data.preparing': 'Building the user × item matrix…',
  'data.readingZip': {
    one: 'Reading {file}: {done} of {total} MB, from the zip {archive}',
    other: 'Reading {file} (file {n} of {count}): {done} of {total} MB, from the zip {archive}',
  },
  'data.waiting': 'Waiting until the engine has finished {action}…',
  'data.chooseFolderTitle': 'Several data sets were found.',
  'data.chooseFolderHelp': 'Which one should be loaded?',
  'data.refusedTitle': 'These files were not loaded: the threshold leaves too little to train on.',
  'data.refusedHelp':
    'Your previous data set is still loaded. Load the files again with a lower threshold, or with none:',
  'data.refusedLoadWith': 'Load with this threshold',
  'data.refusedLoadWithout': 'Load without a threshold',
  'data.refusedKeep': 'Keep the previous data',
  'data.topFolder': '(top folder)',
  'data.demoName': 'Built-in demo data set',
  'data.demoLabel': 'Generated demo data — invented titles, not real ratings',
  'data.shippedName': 'MovieLens latest-small',
  'data.shippedLabel':
    'Shipped with this page: MovieLens latest-small by GroupLens Research (grouplens.org), real ratings of 9,742 movies by 610 users (1996–2018). Used under its licence — non-commercial use, the source acknowledged, no endorsement by the University of Minnesota or GroupLens implied — whose terms are in its',
  'data.fromFiles': 'From {names}',
  'data.users': 'Users',
  'data.items': 'Items',
  'data.ratingsKept': 'Ratings kept',
  'data.keptShare': 'Kept share',
  'data.density': 'Density',
  'data.densityHelp': 'of the user × item cells',
  'data.ofRaw': 'of {raw} read',
  'data.ofRatings': 'of {raw} read',
  'data.histogramTitle': 'Ratings by value',
  'data.histogramTitlePlays': 'Play counts (user, artist)',
  'data.histKept': 'kept (≥ {min})',
  'data.histDropped': 'filtered out',
  'data.keepAtLeast': 'Keep only ratings ≥',
  'data.keepAtLeastPlays': 'Keep only play counts ≥',
  'data.thresholdLabel': 'Minimum rating to keep',
  'data.binary': 'Treat every kept rating as 1',
  'data.apply': 'Apply',
  'data.keptLine': 'Ratings ≥ {min}: {kept} of {raw} kept ({share}).',
  'data.keptAll': 'No threshold: all {kept} of {raw} ratings kept.',
  'data.csr': 'Matrix (CSR): {users} × {items}, {nnz}.',
  'data.duplicates': {
    one: '{count} repeated (user, item) pair was merged.',
    other: '{count} repeated (user, item) pairs were merged.',
  },
  'data.noTitles': {
    one: '{count} item has no title (shown by its id).',
    other: '{count} items have no title (shown by their id).',
  },
  'data.popularTitle': 'The 50 most popular',
  'data.usersCount': { one: '{count} user', other: '{count} users' },
  'data.usersUnit': { one: 'user', other: 'users' },

  'report.title': 'What was read, file by file',
  'report.file': 'File',
  'report.format': 'Format',
  'report.size': 'Size',
  'report.lines': 'Lines',
  'report.records': 'Records',
  'report.skipped': 'Skipped',
  'report.malformed': 'Malformed',
  'report.notRead': 'not read',
  'report.examplesTitle': {
    one: '{file}: {count} malformed line, for example:',
    other: '{file}: {count} malformed lines, for example:',
  },
  'report.moreMalformed': { one: '… and {count} more malformed line.', other: '… and {count} more malformed lines.' },
  'report.latin1': 'Read as Latin-1 (not UTF-8): {files}.',
  'report.couldNotUse': 'Could not use {file}: {reason}.',
  'report.mixedFormats':
    'Ratings files of different formats were combined: {files}. Their user and item ids are merged as if they were the same.',
  'fileKind.ml1mRatings': 'MovieLens 1M/10M ratings',
  'fileKind.ml1mMovies': 'MovieLens 1M/10M movies',
  'fileKind.ml100kRatings': 'MovieLens 100K ratings',
  'fileKind.ml100kMovies': 'MovieLens 100K movies',
  'fileKind.mlRatings': 'MovieLens ratings',
  'fileKind.mlMovies': 'MovieLens movies',
  'fileKind.lastfmPlays': 'Last.fm 360K play counts',
  'fileKind.genericRatings': 'user,item,value ratings',
  'fileKind.genericTitles': 'item,title list',
  'fileKind.lastfmFormat': 'Last.fm plays',
  'fileKind.ownRatings': 'your own ratings',
  'fileKind.unknownDataSet': 'unknown data set',
  'fileKind.mlLatestDataSet': 'MovieLens (latest, 20M, 25M or 32M)',
  'fileKind.unknown': 'unknown',
  'fileKind.ignored': 'ignored',
  'fileKind.separator': '{separator}',
  'fileKind.separatorWithHeader': '{separator}, with a header',
  'fileKind.sepComma': 'comma separated',
  'fileKind.sepTab': 'tab separated',
  'fileKind.sepSemicolon': 'semicolon separated',
  'fileKind.readAs': 'read as {kind}',
  'fileKind.notMovieLensColumns': '{file} does not have the MovieLens columns; {rest}',
  'fileKind.binaryOf': 'looks like binary data ({what})',
  'fileKind.macMetadata': 'macOS metadata (not needed)',
  'fileKind.folderMetadata': 'folder metadata (not needed)',
  'fileKind.documentation': 'documentation (not needed)',
  'fileKind.mlTags': 'MovieLens tags (not needed)',
  'fileKind.mlLinks': 'MovieLens links to IMDb and TMDb (not needed)',
  'fileKind.mlGenome': 'MovieLens tag genome (not needed)',
  'fileKind.mlChecksums': 'MovieLens checksums (not needed)',
  'fileKind.ml1mUsers': 'MovieLens 1M user demographics (not needed)',
  'fileKind.ml100kUsers': 'MovieLens 100K user demographics (not needed)',
  'fileKind.ml100kMetadata': 'MovieLens 100K metadata (not needed)',
  'fileKind.ml100kSplit': 'MovieLens 100K train/test split (not needed: u.data holds all the ratings)',
  'fileKind.ml100kScript': 'MovieLens 100K script (not needed)',
  'fileKind.lastfmProfiles': 'Last.fm user profiles (not needed)',
  'fileKind.lastfmScript': 'Last.fm script (not needed)',
  'fileKind.empty': 'empty file',
  'fileKind.blankLines': 'empty file (only blank lines)',
  'fileKind.utf16': 'UTF-16 text: save the file as UTF-8',
  'fileKind.binary': 'looks like binary data',
  'fileKind.noColumns': 'no columns found (expected values separated by tab, comma or semicolon)',
  'fileKind.byContent': 'decided by its content',
  'fileKind.notDetected': 'not detected yet',
  'fileKind.sigPng': 'PNG image',
  'fileKind.sigJpeg': 'JPEG image',
  'fileKind.sigGif': 'GIF image',
  'fileKind.sigZip': 'ZIP archive: unzip it and add the files inside',
  'fileKind.sigEmptyZip': 'empty ZIP archive',
  'fileKind.sigGzip': 'gzip archive: decompress it first',
  'fileKind.sigBzip2': 'bzip2 archive: decompress it first',
  'fileKind.sigXz': 'xz archive: decompress it first',
  'fileKind.sig7z': '7-Zip archive: extract it first',
  'fileKind.sigRar': 'RAR archive: extract it first',
  'fileKind.sigPdf': 'PDF document',
  'fileKind.sigOffice': 'Microsoft Office document: save it as CSV',
  'fileKind.sigSqlite': 'SQLite database',
  'fileKind.sigParquet': 'Parquet file',
  'fileKind.sigExecutable': 'executable',
  'fileKind.sigWindowsExecutable': 'Windows executable',
  'fileKind.sigTiff': 'TIFF image',
  'fileKind.sigOgg': 'Ogg media',
  'fileKind.sigMp3': 'MP3 audio',
  'fileKind.sigWebp': 'WebP image',
  'fileKind.sigWav': 'WAV audio',
  'fileKind.sigAvi': 'AVI video',
  'fileKind.sigMp4': 'MP4/QuickTime media',
  'fileKind.numbersOnly': {
    one: 'found {count} column of numbers; expected user,item,value ratings or item,title names',
    other: 'found {count} columns of numbers; expected user,item,value ratings or item,title names',
  },

  'train.short': 'Train',
  'train.title': 'Train the model',
  'train.intro':
    "Alternating least squares on the user × item matrix. The defaults are the tutorial's: 100 factors, regularization 0.01, 15 iterations, alpha 1, conjugate gradient.",
  'train.settings': 'Training settings',
  'train.factors': 'Factors',
  'train.regularization': 'Regularization λ',
  'train.iterations': 'Iterations',
  'train.alpha': 'Alpha α',
  'train.confidence': 'Confidence',
  'train.confidenceImplicit': 'α · value (implicit)',
  'train.confidenceOnePlus': '1 + α · value (paper)',
  'train.scaling': 'Scaling',
  'train.scalingNone': 'none',
  'train.scalingLog': 'log',
  'train.solver': 'Solver',
  'train.solverCg': 'Conjugate gradient',
  'train.solverCholesky': 'Cholesky (exact)',
  'train.cgSteps': 'CG steps',
  'train.seed': 'Seed',
  'train.formulaImplicit':
    'Confidence C = α · value, as implicit does. Each user row solves (YᵀY + λI + Yᵀ(Cᵤ − I)Y) xᵤ = YᵀCᵤp(u).',
  'train.formulaOnePlus':
    'Confidence C = 1 + α · value, as the paper and Spark do. Each user row solves (YᵀY + λI + Yᵀ(Cᵤ − I)Y) xᵤ = YᵀCᵤp(u).',
  'train.defaults': 'Back to the defaults',
  'train.train': 'Train',
  'train.needData': 'Load data first (step {step:data}).',
  'train.progressLabel': 'Training progress',
  'train.progressText': {
    one: 'Iteration {done} of {total} · {seconds} · {count} thread',
    other: 'Iteration {done} of {total} · {seconds} · {count} threads',
  },
  'train.iterationStatus': 'Training: iteration {done} of {total}',
  'train.doneStatus': 'Training finished in {seconds}',
  'train.iteration': 'iteration',
  'train.loss': 'loss',
  'train.lossChartLabel': {
    one: 'Loss per iteration, {count} iteration: {first}',
    other: 'Loss per iteration, {count} iterations, from {first} to {last}',
  },
  'train.lossChartEmpty': 'The loss of each iteration will be drawn here.',
  'train.lossLine': 'Loss {first} → {last} · {seconds}',
  'train.noModel': 'No model yet.',
  'train.modelLine':
    'Current model: {factors}, {iterations}, {users} × {items} ({interactions}), trained in {seconds}.',
  'train.includesMe': 'trained with you added',
  'train.fromFile': 'loaded from a file',
  'train.fromImplicit': 'from implicit',
  'train.fromSpark': "from Spark · Spark's formulation",
  'train.restored': 'restored from your last visit',

  'tune.short': 'Tune',
  'tune.title': 'Find good settings',
  'tune.intro':
    "The tutorial's settings (100 factors, λ 0.01, α 1, 15 iterations) were not chosen for your data. Here many models are tried, and each is scored on ratings it never trained on, to find settings that fit.",
  'tune.how':
    'Your ratings are split three ways: a test share ({fraction}%, the same as in Evaluate) is put aside and never looked at during the search; of the rest, a fifth is kept for validation: every trial is trained on the other four fifths and scored on it.',
  'tune.sizes':
    '{test} test ratings put aside · {validation} validation ratings ({users} users) · trials train on {fit}',
  'tune.budget': 'Time budget (seconds)',
  'tune.budgetHelp': 'Suggested for this data set: {seconds} s',
  'tune.metric': 'Maximise',
  'tune.k': 'K',
  'tune.run': 'Find good settings',
  'tune.progressLabel': 'Tuning progress',
  'tune.progressSearching': {
    one: '{count} trial · round {round} · {seconds} of {budget}',
    other: '{count} trials · round {round} · {seconds} of {budget}',
  },
  'tune.progressComparing':
    "Search done. Training the tuned and the tutorial's settings on the training part, to compare them on the test split…",
  'tune.statusRunning': { one: 'Tuning: {count} trial so far', other: 'Tuning: {count} trials so far' },
  'tune.statusDone': 'Tuning finished: the best settings score {score} on validation',
  'tune.axis': 'Chart across',
  'tune.axisRegularization': 'regularization λ',
  'tune.axisFactors': 'factors',
  'tune.axisAlpha': 'alpha α',
  'tune.axisIterations': 'iterations',
  'tune.chartLabel': {
    one: 'Validation {metric} of {count} setting tried, against {axis}; the best scores {best}',
    other: 'Validation {metric} of {count} settings tried, against {axis}; the best scores {best}',
  },
  'tune.chartEmpty': 'Each setting tried will appear here as a dot.',
  'tune.yLabel': 'validation {metric}',
  'tune.legendFactors': 'colour: factors',
  'tune.legendSize': 'bigger dot: trained longer (2, 5, 15 iterations)',
  'tune.legendBest': 'best',
  'tune.legendTutorial': "the tutorial's settings",
  'tune.pointTitle': '{factors} factors · λ {regularization} · α {alpha} · {iterations} iterations: {score}',
  'tune.readRegularization':
    'How to read it: each dot is one model, trained on the training part and scored on validation ratings it never saw. With little regularization (left) and many factors, a model can learn the ratings it trained on by heart, and it then does worse on new ones: that is over-fitting. With a lot of regularization (right) every model becomes bland and scores low: under-fitting. Good settings sit in between.',
  'tune.readFactors':
    'How to read it: more factors let a model describe finer tastes, but they also let it learn the training ratings by heart. Where a column of dots scores lower on validation than the one to its left, the extra factors over-fit (unless more regularization holds them back).',
  'tune.readAlpha':
    'How to read it: alpha says how much more a rating counts than a movie not rated at all. Too little and the model hardly listens to the ratings; too much and it chases every single one.',
  'tune.readIterations':
    'How to read it: each line follows one setting as it trains longer; only the best third of each round goes on. A line that falls means more training made it worse on new ratings: over-fitting as training goes on.',
  'tune.best': 'Best on validation: {metric} {score}',
  'tune.bestSettings': '{factors} factors · λ {regularization} · α {alpha} · {iterations} iterations',
  'tune.bestScaling': 'scaling: {scaling}',
  'tune.tutorialScore': "The tutorial's settings: {score} on validation (at 15 iterations).",
  'tune.use': 'Use these',
  'tune.useHelp': 'Copies them into the Train form (step {step:train}); then press Train.',
  'tune.compareTitle': 'On the test split, which the search never saw',
  'tune.compareCaption': "The tuned settings, the tutorial's settings and popularity, on the test split",
  'tune.setting': 'Settings',
  'tune.rowTuned': 'Tuned',
  'tune.rowTutorial': "Tutorial's",
  'tune.rowPopularity': 'Popularity',
  'tune.compareLine':
    "Both models trained on all {train} training ratings and were tested on the {test} ratings put aside. The tuned settings: {change} {metric} over the tutorial's.",
  'tune.honest':
    'An honest number: the settings were chosen on validation ratings only. Evaluate (step {step:evaluate}) reproduces the tuned row once these settings are in the Train form.',
  'tune.searchLine': {
    one: '{count} trial · {seconds} · {iterations} iterations trained in all',
    other: '{count} trials · {seconds} · {iterations} iterations trained in all',
  },
  'tune.stale': 'The data changed since this search: run it again for the data loaded now.',
  'tune.trialsTitle': { one: 'The trial, best first', other: 'All {count} trials, best first' },
  'tune.trialsCaption': 'Every trial: its settings and its validation score',
  'tune.colFactors': 'f',
  'tune.colIterations': 'it.',
  'tune.colScore': 'score',
  'tune.failed': 'failed',

  'favorites.short': 'Favorites',
  'favorites.title': 'Your favorites',
  'favorites.intro': 'Search any title and add it with a rating. Your recommendations follow at once.',
  'favorites.searchLabel': 'Add a favorite',
  'favorites.searchPlaceholder': 'Type part of a title…',
  'favorites.already': '★ a favorite',
  'favorites.empty': 'No favorites yet. Add five movies you like.',
  'favorites.noModel': 'Favorites can be added once a model is ready.',
  'favorites.listLabel': 'Your favorites',
  'favorites.stars': { one: '{count} star', other: '{count} stars' },
  'favorites.ratingFor': 'Your rating for {title}',
  'favorites.remove': 'Remove {title}',
  'favorites.retrain': 'Retrain with me added',
  'favorites.clear': 'Remove all',
  'favorites.retrainHelp':
    'Recommendations use your favorites at once (the exact least-squares fold-in). "Retrain with me added" trains the model again with you as one more user, as the tutorial does.',

  'recommendations.short': 'For me',
  'recommendations.title': 'Recommendations for me',
  'recommendations.intro': 'The movies with the highest predicted preference, your favorites left out.',
  'recs.noModel': 'A model is needed first (step {step:train}).',
  'recs.count': 'Show',
  'recs.genre': 'Genre',
  'recs.allGenres': 'All genres',
  'recs.popularFallback':
    'No favorites yet, so these are simply the most popular movies (number of users). Add favorites to get recommendations.',
  'recs.popularLabel': 'Most popular movies',
  'recs.listLabel': 'Recommendations',
  'recs.explainHelp': '“Why?” shows how much each favorite adds to the score; the contributions add up to it.',
  'recs.scoreHelp': 'Score = predicted preference x_me · y_item.',
  'recs.why': 'Why?',
  'recs.hide': 'Hide',
  'recs.none': 'No movie matches.',
  'explain.listLabel': 'Contribution of each favorite',
  'explain.sum': { one: 'Sum of the {count} contribution', other: 'Sum of the {count} contributions' },
  'explain.equalsScore': '(the score shown: {score})',

  'similar.short': 'Similar',
  'similar.title': 'Similar movies',
  'similar.intro':
    'The nearest movies by the cosine of their factor vectors. Click any movie title on this page to see its neighbours here.',
  'similar.searchLabel': 'Movie',
  'similar.searchPlaceholder': 'Type part of a title…',
  'similar.prompt': 'Pick a movie above, or click a title anywhere on the page.',
  'similar.missing': 'That movie is not in the current model.',
  'similar.to': 'Most similar to',
  'similar.showFor': 'Show similar movies',
  'similar.cosineHelp': 'Cosine similarity: 1 means the same direction, 0 unrelated.',

  'preference.short': 'Preference',
  'preference.title': 'My predicted preference for a movie',
  'preference.intro':
    "The tutorial's dot product: your vector (folded in from your favorites) times the movie's vector.",
  'preference.searchLabel': 'Movie',
  'preference.searchPlaceholder': 'Type part of a title…',
  'preference.prompt': 'Pick any movie.',
  'preference.try': 'Try “{title}”',
  'preference.noFavorites': 'Add favorites first: your vector is computed from them.',
  'preference.me': 'me',
  'preference.help': 'The same number, split by favorite: the contributions add up to it.',

  'map.short': 'Map',
  'map.title': 'A map of the movies',
  'map.intro':
    "Each dot is a movie. UMAP places the movies so that each one's nearest neighbours by cosine (the ones “Similar movies” lists) land near it: movies liked by the same people form islands.",
  'map.label': {
    one: 'Map of {count} movie placed by UMAP so that cosine neighbours are close, coloured by first genre',
    other: 'Map of {count} movies placed by UMAP so that cosine neighbours are close, coloured by first genre',
  },
  'map.labelPca': {
    one: 'Scatter plot of {count} movie by its two main factor directions (PCA), coloured by first genre',
    other: 'Scatter plot of {count} movies by their two main factor directions (PCA), coloured by first genre',
  },
  'map.progressLabel': 'Laying out the map',
  'map.phaseNeighbours': {
    one: 'Finding the nearest neighbours of {count} movie: {percent}%',
    other: 'Finding the 15 nearest neighbours of each of {count} movies: {percent}%',
  },
  'map.phaseNeighbours.music': {
    one: 'Finding the nearest neighbours of {count} artist: {percent}%',
    other: 'Finding the 15 nearest neighbours of each of {count} artists: {percent}%',
  },
  'map.phaseNeighbours.items': {
    one: 'Finding the nearest neighbours of {count} item: {percent}%',
    other: 'Finding the 15 nearest neighbours of each of {count} items: {percent}%',
  },
  'map.phaseLayout': {
    one: 'Placing {count} movie: {percent}%',
    other: 'Placing {count} movies so that neighbours stay together (UMAP): {percent}%',
  },
  'map.phaseLayout.music': {
    one: 'Placing {count} artist: {percent}%',
    other: 'Placing {count} artists so that neighbours stay together (UMAP): {percent}%',
  },
  'map.phaseLayout.items': {
    one: 'Placing {count} item: {percent}%',
    other: 'Placing {count} items so that neighbours stay together (UMAP): {percent}%',
  },
  'map.capped':
    'The map shows the {shown} most rated of the {total} movies: laying out every one would take minutes in a browser tab.',
  'map.empty': 'The map appears once a model is trained.',
  'map.legend': 'Colours: first genre',
  'map.other': 'other',
  'map.favorites': 'your favorites (stars)',
  'map.similarRinged': 'ringed: {title} and its neighbours',
  'map.help':
    'Hover a dot to see its title; click it to see its similar movies (step {step:similar}). What is near is alike; the distances between islands and the directions mean little.',
  'map.helpPca':
    'Hover a dot to see its title; click it to see its similar movies (step {step:similar}). Far-out movies are drawn closer in (log scale from the centre), so the crowded middle opens up; directions are kept.',

  'evaluate.short': 'Evaluate',
  'evaluate.title': 'How good is it?',
  'evaluate.intro':
    "Hide a share of each user's ratings, train on the rest with the settings of step {step:train}, and check how many hidden movies come up in each user's top K — next to simply recommending the most popular movies.",
  'eval.testFraction': 'Test share',
  'eval.k': 'K (list length)',
  'eval.run': 'Evaluate',
  'eval.progressLabel': 'Evaluation progress',
  'eval.progressText': 'Training on the training split: iteration {done} of {total} · {seconds}',
  'eval.scoringText': {
    one: 'Ranking every movie for the held-out users: {done} of {count} list (ALS and popularity) · {seconds}',
    other: 'Ranking every movie for the held-out users: {done} of {count} lists (ALS and popularity) · {seconds}',
  },
  'eval.caption': 'Ranking metrics of ALS and of the popularity baseline',
  'eval.metric': 'Metric',
  'eval.als': 'ALS',
  'eval.popularity': 'Popularity',
  'eval.precision': 'Precision@{k}',
  'eval.map': 'MAP@{k}',
  'eval.ndcg': 'NDCG@{k}',
  'eval.auc': 'AUC@{k}',
  'eval.metricsTitle': 'What the metrics mean',
  'eval.precisionHelp':
    "The share of each user's top K that are held-out movies, pooled over all users as implicit does: Σ hits / Σ min(K, |test_u|).",
  'eval.mapHelp':
    'Mean average precision: the precision at each hit within the top K, averaged; hits near the top count more.',
  'eval.ndcgHelp':
    'Normalised discounted cumulative gain: each hit at rank r adds 1 / log₂(r + 1), divided by the best possible sum; 1 is a perfect top K.',
  'eval.aucHelp':
    "Area under the ROC curve, from the top K as implicit's ranking_metrics_at_k computes it: the chance that a held-out movie is ranked above another movie, every movie below the top K counted as tied. 0.5 is chance (a random order), 1 is perfect.",
  'eval.counts':
    '{users} tested · {train} for training / {test} held out ({fraction}%) · {factors}, {iterations} · {seconds}',
  'eval.importedNote':
    'This model was trained elsewhere on all these ratings, the test ones too, so its own factors cannot be tested on held-out ratings. Evaluate retrains its settings ({factors} factors, regularization {regularization}, alpha {alpha}, {formulation}) on the training share; the model itself, scored on the same test share, is shown apart: optimistic, since it saw those ratings.',
  'eval.imported': 'Imported (saw the test)',
  'eval.retrained': 'Its settings, retrained',
  'eval.formulation.implicit': "implicit's formulation",
  'eval.formulation.spark': "Spark's formulation",

  'keep.short': 'Keep',
  'keep.title': 'Keep your work',
  'keep.intro':
    'Save the model as a file, or load one. The last model and your favorites are also kept in this browser, so a reload does not retrain.',
  'keep.saveTitle': 'Save the model',
  'keep.includeRatings': 'Include the ratings (a bigger file that works without the data)',
  'keep.save': 'Save model.als',
  'keep.saved': 'Saved ({size}).',
  'keep.loadTitle': 'Load a model',
  'keep.loadHelp': 'A model.als saved here or by the als command line tool.',
  'keep.load': 'Choose a model file…',
  'keep.keptInBrowser': 'The current model ({size}) and your favorites are kept in this browser.',
  'keep.notKept': 'Nothing is kept in this browser yet.',
  'keep.forget': 'Forget',
  'keep.foreignTitle': 'Bring a model trained elsewhere',
  'keep.foreignHelp':
    "A model saved by implicit (model.save('model.npz')) or by Spark (model.write().save(path): its folder, or a zip of it). Load the data set it was trained on first (step {step:data}): its rows are matched to those users and movies.",
  'keep.foreignHelp.music':
    "A model saved by implicit (model.save('model.npz')) or by Spark (model.write().save(path): its folder, or a zip of it). Load the data set it was trained on first (step {step:data}): its rows are matched to those listeners and artists.",
  'keep.foreignHelp.items':
    "A model saved by implicit (model.save('model.npz')) or by Spark (model.write().save(path): its folder, or a zip of it). Load the data set it was trained on first (step {step:data}): its rows are matched to those users and items.",
  'keep.chooseNpz': 'Choose an .npz or a zip…',
  'keep.chooseSparkFolder': 'Choose a Spark model folder…',
  'keep.sparkSettings':
    "Spark does not save alpha and regParam with the model: enter the ones it was trained with (Spark's defaults shown).",
  'keep.sparkAlpha': 'Spark alpha',
  'keep.sparkRegParam': 'Spark regParam',
  'keep.importing': 'Reading the model…',
  'keep.chooseRowsTitle': 'How were its rows numbered?',
  'keep.chooseRowsHelp':
    'implicit keeps no ids, and the sizes of {name} fit more than one numbering. Beside each: how often a movie a user rated scores above a random one under it (50% is chance).',
  'keep.rows.raw': 'row = the id itself',
  'keep.rows.sorted': 'row = rank of the sorted ids',
  'keep.rows.first-seen': 'row = order of first appearance in the ratings file',
  'keep.rowsEvidence': '{share} of {pairs} rated pairs ranked right',
  'keep.rowsBest': 'most likely',
  'keep.useRows': 'Use these rows',
  'keep.importedImplicit':
    "Answering with a model from implicit ({details}). Fold-in and explanations use its own settings and implicit's formulation: confidence = {alpha} × rating, regularization {regularization}.",
  'keep.importedSpark':
    "Answering with a Spark ALS model ({details}). Fold-in and explanations follow Spark's formulation: confidence = 1 + {alpha} × rating, regularization {regularization} × the number of your positive ratings; ratings ≤ 0 are left out.",
  'keep.importFit':
    '{matched} of {items} movies have a row in it; a movie a user rated scores above a random one {share} of the time.',
  'keep.exportTitle': 'Continue in Python or Spark',
  'keep.exportHelp':
    'model.npz is what implicit.cpu.als.AlternatingLeastSquares.load() reads, and model-ids.csv gives the user and movie id of each row (with titles). The Spark zip unpacks into the folder ALSModel.load(path) reads.',
  'keep.exportImplicit': 'Download for implicit (.npz + ids)',
  'keep.exportSpark': 'Download for Spark (.zip)',
  'keep.exportCaveat': 'Note: {caveat}.',

  'search.none': 'No title matches.',
  'search.more': 'Showing the best {shown} of {total}. Type more to narrow down.',
  'search.count': { one: '{count} match', other: '{count} matches' },

  // ---- answers a student can trust (issue 10, points 1-5) ----
  // Wording by data: a key's '.music' (Last.fm, play counts) or '.items'
  // (a file of one's own) variant replaces it when that data is loaded (app/words.js).
  'app.title.music': 'ALS Music',
  'app.title.items': 'ALS Recommender',
  'app.tagline.music':
    'A music recommender that trains itself in your browser. Nothing you load here leaves your machine.',
  'app.tagline.items': 'A recommender that trains itself in your browser. Nothing you load here leaves your machine.',
  'app.documentTitle': 'ALS Movies — a recommender that trains in your browser',
  'app.documentTitle.music': 'ALS Music — artists recommended by a model that trains in your browser',
  'app.documentTitle.items': 'ALS Recommender — a model that trains in your browser',
  'action.similar.music': 'finding similar artists',
  'action.similar.items': 'finding similar items',
  'notice.modelLoadedOwnData.music': 'Loaded {name}: it brings its own artists (different from the data loaded now).',
  'notice.modelLoadedOwnData.items': 'Loaded {name}: it brings its own items (different from the data loaded now).',
  'data.ratingsKept.music': 'User–artist pairs kept',
  'data.ratingsKept.items': 'Values kept',
  'train.modelLine.music':
    'Current model: {factors} factors, {iterations} iterations, {users} listeners × {items} artists ({interactions} user–artist play counts), trained in {seconds}.',
  'train.modelLine.items':
    'Current model: {factors} factors, {iterations} iterations, {users} users × {items} items ({interactions} values), trained in {seconds}.',
  'favorites.intro.music':
    'Search any artist and add it as a like (it counts as a play count you can change). Your recommendations follow at once.',
  'favorites.intro.items': 'Search any item and add it. Your recommendations follow at once.',
  'favorites.empty.music': 'No favorites yet. Add five artists you like.',
  'favorites.empty.items': 'No favorites yet. Add a few items you like.',
  'favorites.searchPlaceholder.music': 'Type part of an artist’s name…',
  'recommendations.intro.music': 'The artists with the highest predicted preference, your favorites left out.',
  'recommendations.intro.items': 'The items with the highest predicted preference, your favorites left out.',
  'recs.popularFallback.music':
    'No favorites yet, so these are simply the artists with the most listeners. Add favorites to get recommendations.',
  'recs.popularFallback.items':
    'No favorites yet, so these are simply the most popular items (number of users). Add favorites to get recommendations.',
  'recs.popularLabel.music': 'Artists with the most listeners',
  'recs.popularLabel.items': 'Most popular items',
  'recs.none.music': 'No artist matches.',
  'recs.none.items': 'No item matches.',
  'similar.short.music': 'Similar',
  'similar.short.items': 'Similar',
  'similar.to.music': 'Most similar to',
  'similar.to.items': 'Most similar to',
  'similar.title.music': 'Similar artists',
  'similar.title.items': 'Similar items',
  'similar.intro.music':
    'The nearest artists by the cosine of their factor vectors. Click any artist on this page to see its neighbours here.',
  'similar.intro.items':
    'The nearest items by the cosine of their factor vectors. Click any item on this page to see its neighbours here.',
  'similar.searchLabel.music': 'Artist',
  'similar.searchLabel.items': 'Item',
  'similar.searchPlaceholder.music': 'Type part of an artist’s name…',
  'similar.prompt.music': 'Pick an artist above, or click a name anywhere on the page.',
  'similar.prompt.items': 'Pick an item above, or click a title anywhere on the page.',
  'similar.missing.music': 'That artist is not in the current model.',
  'similar.missing.items': 'That item is not in the current model.',
  'similar.showFor.music': 'Show similar artists',
  'similar.showFor.items': 'Show similar items',
  'preference.title.music': 'My predicted preference for an artist',
  'preference.title.items': 'My predicted preference for an item',
  'preference.intro.music':
    'The tutorial’s dot product: your vector (folded in from your favorites) times the artist’s vector.',
  'preference.intro.items':
    'The tutorial’s dot product: your vector (folded in from your favorites) times the item’s vector.',
  'preference.searchLabel.music': 'Artist',
  'preference.searchLabel.items': 'Item',
  'preference.searchPlaceholder.music': 'Type part of an artist’s name…',
  'preference.prompt.music': 'Pick any artist.',
  'preference.prompt.items': 'Pick any item.',
  'map.title.music': 'A map of the artists',
  'map.title.items': 'A map of the items',
  'map.intro.music':
    'Each dot is an artist, placed by its factor vector; artists played by the same people land near each other.',
  'map.intro.items':
    'Each dot is an item, placed by its factor vector; items liked by the same people land near each other.',
  'evaluate.intro.music':
    'Hide a share of each listener’s play counts, train on the rest with the settings of step {step:train}, and check how many hidden artists come up in each listener’s top K — next to simply recommending the artists with the most listeners.',
  'evaluate.intro.items':
    'Hide a share of each user’s values, train on the rest with the settings of step {step:train}, and check how many hidden items come up in each user’s top K — next to simply recommending the most popular items.',

  'support.ratings': { one: '{count} rating', other: '{count} ratings' },
  'support.listeners': { one: '{count} listener', other: '{count} listeners' },
  'support.users': { one: '{count} user', other: '{count} users' },
  'support.plays': { one: '{count} play', other: '{count} plays' },
  'support.help': 'How many people kept it: the evidence its factor vector rests on.',
  'rare.rule':
    'Movies with fewer than {min} kept ratings are left out ({hidden} of {items}): the factor vector of a movie so few people rated is barely trained, so its similarities and scores are noise.',
  'rare.rule.music':
    'Artists with fewer than {min} listeners are left out ({hidden} of {items}): the factor vector of an artist so few people played is barely trained, so its similarities and scores are noise.',
  'rare.rule.items':
    'Items with fewer than {min} users are left out ({hidden} of {items}): the factor vector of an item so few people chose is barely trained, so its similarities and scores are noise.',
  'rare.noRule': 'Every movie is shown: this data set is too small for the usual minimum of 5 kept ratings per movie.',
  'rare.noRule.music':
    'Every artist is shown: this data set is too small for the usual minimum of 5 listeners per artist.',
  'rare.noRule.items': 'Every item is shown: this data set is too small for the usual minimum of 5 users per item.',
  'rare.shrink':
    'The neighbours are also ranked by cosine × n / (n + {beta}), n the kept ratings of the neighbour, so that a movie few people rated does not lead the list: one of 5 ratings keeps half its cosine, one of 200 keeps 98 %. The score shown is that product; with rare items included it is the raw cosine.',
  'rare.shrink.music':
    'The neighbours are also ranked by cosine × n / (n + {beta}), n the listeners of the neighbour, so that an artist few people played does not lead the list: one of 5 listeners keeps half its cosine, one of 200 keeps 98 %. The score shown is that product; with rare items included it is the raw cosine.',
  'rare.shrink.items':
    'The neighbours are also ranked by cosine × n / (n + {beta}), n the users of the neighbour, so that an item few people chose does not lead the list: one of 5 users keeps half its cosine, one of 200 keeps 98 %. The score shown is that product; with rare items included it is the raw cosine.',
  'rare.include': 'Include rare items (the tutorial’s raw output)',
  'rare.included': 'Rare items are included: this is the raw output of the model, as in the tutorial.',
  'similar.rareTarget': {
    one: 'Only {count} person kept this movie: its own factor vector is barely trained, so its neighbours say little.',
    other:
      'Only {count} people kept this movie: its own factor vector is barely trained, so its neighbours say little.',
  },
  'similar.rareTarget.music': {
    one: 'Only {count} person played this artist: its own factor vector is barely trained, so its neighbours say little.',
    other:
      'Only {count} people played this artist: its own factor vector is barely trained, so its neighbours say little.',
  },
  'similar.rareTarget.items': {
    one: 'Only {count} person chose this item: its own factor vector is barely trained, so its neighbours say little.',
    other:
      'Only {count} people chose this item: its own factor vector is barely trained, so its neighbours say little.',
  },

  'favorites.notHere': 'not in this data set',
  'favorites.notHereHelp': 'Kept in your list. It takes no part in the model until a data set that has it is loaded.',
  'favorites.byTitle': 'found by title',
  'favorites.byTitleHelp': 'Found in this data set by its title and year as “{title}”.',
  'favorites.pickedAs': 'picked as “{title}”',
  'favorites.demoTag': 'demo',
  'favorites.demoNote':
    'These are the demo viewer’s favorites (the five most popular Sci-Fi movies of the demo set). Add one of your own and it replaces them.',
  'favorites.demoNoteCarried':
    'These are the demo viewer’s favorites, five movies carried over from the demo set to these data. Add one of your own and it replaces them.',
  'favorites.demoNoteCarried.music':
    'These are the demo viewer’s favorites, five movies carried over from the demo set: these data are artists, so they match nothing here. Add an artist of your own and it replaces them.',
  'favorites.demoNoteCarried.items':
    'These are the demo viewer’s favorites, five movies carried over from the demo set: these data are items of their own, so they may match nothing here. Add an item of your own and it replaces them.',
  'favorites.tutorialNote':
    'These are the tutorial’s five favorites: Back to the Future, Toy Story, Alien, Aliens and The Wizard of Oz. Add one of your own and it replaces them.',
  'favorites.tutorialNoteCarried':
    'These are the tutorial’s five favorites, carried over from MovieLens latest-small to these data. Add one of your own and it replaces them.',
  'favorites.tutorialNoteCarried.music':
    'These are the tutorial’s five favorite movies, carried over from MovieLens latest-small: these data are artists, so they match nothing here. Add an artist of your own and it replaces them.',
  'favorites.tutorialNoteCarried.items':
    'These are the tutorial’s five favorite movies, carried over from MovieLens latest-small: these data are items of their own, so they may match nothing here. Add an item of your own and it replaces them.',
  'favorites.removeDemo': 'Remove the demo favorites',
  'favorites.liked': '♥ liked',
  'favorites.playsFor': 'Plays of {title}',
  'favorites.playsUnit': 'plays',
  'favorites.playsHelp':
    'An artist you like counts as this many plays (at first the median play count of the data set, {median}); change it to say how much you listen.',
  'favorites.notHereCount': {
    one: '{count} favorite is not in this data set.',
    other: '{count} favorites are not in this data set.',
  },
  'notice.favoritesNotHere': {
    one: '{count} favorite is not in this data set: {titles}. It stays in your list, marked, and counts again when a data set that has it is loaded.',
    other:
      '{count} favorites are not in this data set: {titles}. They stay in your list, marked, and count again when a data set that has them is loaded.',
  },
  'notice.favoritesByTitle': {
    one: '{count} favorite was found in this data set by its title: {pairs}.',
    other: '{count} favorites were found in this data set by their titles: {pairs}.',
  },
  'notice.trainFirst': 'First train a model of the data loaded now: your favorites are added to these data as a user.',
  'notice.autoTrained':
    'The new data set is small ({estimate} to train here), so it trains at once with the settings of step {step:train}.',

  'modelBanner.stale':
    'The data changed: the model was trained on other data, so no answer below uses it. Train a model of the data loaded now ({estimate} with the settings of step {step:train}).',
  'modelBanner.foreign':
    'The model {name} was trained on other data than the data loaded now ({modelItems} items, the data have {dataItems}), so no answer below uses it yet.',
  'modelBanner.foreignRestored':
    'The model restored from your last visit does not match the data loaded now ({modelItems} items, the data have {dataItems}), so no answer below uses it yet.',
  'modelBanner.train': 'Train on this data',
  'modelBanner.use': 'Use the model with its own items',
  'modelBanner.training':
    'Training a model of the data loaded now (iteration {done} of {total}): the answers below follow when it is done.',
  'modelBanner.estimate': 'about {seconds}',
  'waits.model':
    'Waiting for a model of the data loaded now: train it with the button at the top of the page or in step {step:train}.',
  'train.stale':
    'The data changed since this model was trained: no answer uses it until you train on the data loaded now.',
  'train.estimate': 'Estimated training time here: {seconds}.',
  'train.playsHint':
    'These are play counts: some listeners play an artist thousands of times. implicit’s Last.fm example weights them with BM25 (K1 = 100, B = 0.8) before training; the tutorial’s MovieLens settings do not.',
  'train.useBm25': 'Use BM25 weighting',
  'train.bm25On': 'BM25 weighting is on (K1 = 100, B = 0.8), as in implicit’s Last.fm example.',
  'report.mergedNames': {
    one: '{file}: {count} other spelling of an artist without an MBID was read as the same artist (names that differ only in case or spacing), for example:',
    other:
      '{file}: {count} other spellings of artists without an MBID were read as the same artist (names that differ only in case or spacing), for example:',
  },
  'report.mergedAs': '“{name}” = “{as}”',

  'first.titleDemo': 'Recommendations for a demo viewer',
  'first.introDemo':
    'A ready-made viewer who likes five Sci-Fi movies of the demo set, so you see at once what the model does and why. Pick your own favorites: your first one replaces these.',
  'first.introDemoCarried':
    'The demo viewer’s five favorites, carried over from the demo set to these data, so you see at once what this model does and why. Pick your own favorites: your first one replaces these.',
  'first.introTutorial':
    'The tutorial’s viewer, who loves Back to the Future, Toy Story, Alien, Aliens and The Wizard of Oz, on real MovieLens ratings: you see at once what the model does and why. Pick your own favorites: your first one replaces these.',
  'first.introTutorialCarried':
    'The tutorial’s five favorites, carried over from MovieLens latest-small to these data, so you see at once what this model does and why. Pick your own favorites: your first one replaces these.',
  'first.introTutorialCarried.music':
    'The tutorial’s five favorite movies, carried over from MovieLens latest-small: these data are artists, so they match nothing here. Pick your own favorites: your first one replaces these.',
  'first.introTutorialCarried.items':
    'The tutorial’s five favorite movies, carried over from MovieLens latest-small: these data are items of their own, so they may match nothing here. Pick your own favorites: your first one replaces these.',
  'first.title': 'Your recommendations',
  'first.intro': 'From your favorites, folded into the model at once. Each one says why.',
  'first.titleEmpty': 'Pick a few favorites',
  'first.introEmpty': 'Add movies you like: recommendations, and why each one was chosen, appear here at once.',
  'first.introEmpty.music': 'Add artists you like: recommendations, and why each one was chosen, appear here at once.',
  'first.introEmpty.items': 'Add items you like: recommendations, and why each one was chosen, appear here at once.',
  'first.preparing':
    'The demo data set is being read and trained with the tutorial’s settings (100 factors, 15 iterations)…',
  'first.snapshotDemo':
    'Computed by this same engine when the site was built, from the demo model shipped with it; the engine is starting and will compute them again here.',
  'first.snapshotKept':
    'As shown on your last visit, from your kept model; the engine is starting and will compute them again here.',
  'first.snapshotConfirmed': 'Computed again here by the engine just now: the same answers.',
  'first.favorites': 'Favorites',
  'first.pickOwn': 'Add your own favorite',
  'first.all': 'All recommendations, with genres and counts (step {step:recommendations})',
  'first.whyTop': 'Why “{title}”: what each favorite adds to its score',
  // Why a line was not read (web/src/i18n/line-reasons.js): the engine's own English, word for word.
  'lineReason.fields': 'expected {expected} fields separated by {separator}, found {found}',
  'lineReason.fieldsAtLeast': 'expected at least {expected} fields separated by {separator}, found {found}',
  'lineReason.seemsToUse': ' (the line seems to use {separator})',
  'lineReason.quoteTitles': ' (a title with commas must be in quotes)',
  'lineReason.tab': 'tab',
  'lineReason.headerInMiddle': 'header line in the middle of the file',
  'lineReason.fileNotRead': 'this file is not read',
  'lineReason.noArtist': 'artist has neither an id nor a name',
  'lineReason.tooLong': 'line longer than {bytes} bytes',
  'lineReason.empty': '{field} is empty',
  'lineReason.notNumber': '{field} {text} is not a number',
  'lineReason.notFinite': '{field} {text} is not a finite number',
  'lineReason.notWhole': '{field} {text} is not a whole number',
  'lineReason.outside': '{field} {text} outside {range}',
  'lineReason.field.userId': 'user id',
  'lineReason.field.movieId': 'movie id',
  'lineReason.field.itemId': 'item id',
  'lineReason.field.rating': 'rating',
  'lineReason.field.timestamp': 'timestamp',
  'lineReason.field.plays': 'plays',
  'lineReason.field.value': 'value',
  'lineReason.field.title': 'title',
  'lineReason.noDataLines': 'no ratings could be read from {file}: it has no data lines',
  'lineReason.noneRead': {
    one: 'no ratings could be read from {file}: {count} malformed line, the first at line {line}: {reason}',
    other: 'no ratings could be read from {file}: {count} malformed lines, the first at line {line}: {reason}',
  },
  'engineMessage.noRatings': 'no ratings file found; {files}',
  // The engine says "among N files" for two files or more only.
  'engineMessage.noRatingsAmong': {
    one: 'no ratings file found among {count} file; {files}',
    other: 'no ratings file found among {count} files; {files}',
  },
  'engineMessage.holdsTitles': '{file} holds titles, not ratings',

  'compare.short': 'Compare',
  'compare.title': 'Compare models',
  'compare.intro':
    'ALS is one model among several. Train the others of implicit and Spark on the same split as step {step:evaluate} and read them side by side: the ranking metrics at K, the rating errors of the model of star ratings, the training time — next to popularity.',
  'compare.pick': 'Models to compare',
  'compare.alsSettings': 'The settings of step {step:train}.',
  'compare.setting.factors': 'Factors',
  'compare.setting.regularization': 'Regularization',
  'compare.setting.iterations': 'Iterations',
  'compare.setting.alpha': 'Alpha',
  'compare.setting.learning_rate': 'Learning rate',
  'compare.setting.neg_prop': 'Negatives per positive',
  'compare.setting.neighbours': 'K neighbours',
  'compare.setting.bm25_k1': 'K1',
  'compare.setting.bm25_b': 'B',
  'compare.split': 'Split: {percent}% of each user’s ratings held out, lists of K = {k} (as in step {step:evaluate}).',
  'compare.run': 'Compare',
  'compare.stop': 'Stop the rest',
  'compare.skip': 'Skip',
  'compare.progressLabel': 'Comparison progress',
  'compare.progressText': '{done} of {total} models done',
  'compare.state.waiting': 'waiting',
  'compare.state.training': 'training… {percent}%',
  'compare.state.scoring': 'ranking the test users… {percent}%',
  'compare.state.skipped': 'skipped',
  'compare.caption': 'Each model on the same hold-out split',
  'compare.model': 'Model',
  'compare.time': 'Training',
  'compare.counts': 'Trained on {train} ratings, tested on {test} held-out ratings.',
  'compare.lessonTitle': 'Explicit against implicit feedback',
  'compare.lessonNumbers':
    'On this split the rating model (explicit ALS) predicts the held-out stars to within an RMSE of {rmse} — yet among its top {k} it finds {rating} of the held-out items per slot (precision@{k}), against {als} for implicit ALS and {popular} for popularity.',
  'compare.lessonNumbersAgree':
    'On this split the rating model (explicit ALS) predicts the held-out stars to within an RMSE of {rmse}, and among its top {k} it finds {rating} of the held-out items per slot (precision@{k}), against {als} for implicit ALS and {popular} for popularity: here the stars happen to follow what people watch (small or generated data often do). On real MovieLens data the rating model ranks far worse — compare them there.',
  'compare.lessonWhy':
    'A star rating says how much someone liked a movie they chose to watch; which movies they watched at all is the stronger signal, and it is missing from a rating model. Ratings are not missing at random: people rate what they picked. A model fitted only to the stars learns to predict them well, but ranks highly obscure films that a few fans rated 5, not what people go on to watch.',
  'compare.lessonConfidence':
    'Implicit ALS (Hu, Koren & Volinsky) reads every cell of the matrix: a rating is a preference of 1 held with confidence α × value, an empty cell a preference of 0 with low confidence. BPR learns the same order from pairs (liked above not liked); the item-item models count who kept what together.',
  'compare.forMeTitle': 'For me: each model’s top 10',
  'compare.forMeHelp':
    'Your favorites, folded into each model trained above (on the training share). A mark shows how many of the lists hold the movie.',
  'compare.forMeHelp.music':
    'Your favorites, folded into each model trained above (on the training share). A mark shows how many of the lists hold the artist.',
  'compare.forMeNeedsModel':
    'Train a model on these data (step {step:train}) to see each model’s list for your favorites.',
  'compare.forMeNoFavorites': 'Add favorites (step {step:favorites}) to see what each model recommends to you.',
  'compare.shared': { one: 'in {count} list', other: 'in {count} lists' },
  'compare.sharedHelp': { one: 'in {count} of the lists', other: 'in {count} of the lists' },
  'compare.similarTitle': 'Similar to one favorite: each model’s top 10',
  'compare.similarTo': 'Similar to',
  'compare.similarHelp':
    'What each model trained above finds most like this movie: the factor models by the cosine of their item vectors, the item-item models by their weighted co-occurrence. Movies with few ratings in the training share are left out, as in step {step:similar}.',
  'compare.similarHelp.music':
    'What each model trained above finds most like this artist: the factor models by the cosine of their item vectors, the item-item models by their weighted co-occurrence. Artists with few listeners in the training share are left out, as in step {step:similar}.',
  'compare.similarNone.popular': 'Popularity has no similar items: it ranks every item the same way for everyone.',
  'compare.similarWaiting': 'Asking this model…',
  'compare.whyNot.popular': 'Popularity recommends the same items to everyone: the most kept ones.',
  'compare.whyNot.bpr':
    'BPR’s vector for you comes from stochastic gradient steps, not from a formula of your favorites, so its score does not split into one share per favorite.',
  'compare.whyNot.lmf':
    'LMF’s vector for you comes from stochastic gradient steps, not from a formula of your favorites, so its score does not split into one share per favorite.',
  'models.als': 'ALS (implicit)',
  'models.als.from': 'implicit AlternatingLeastSquares',
  'models.explicit-als': 'Explicit ALS (ratings)',
  'models.explicit-als.from': 'Spark ALS(implicitPrefs=False)',
  'models.bpr': 'BPR',
  'models.bpr.from': 'implicit BayesianPersonalizedRanking',
  'models.lmf': 'LMF',
  'models.lmf.from': 'implicit LogisticMatrixFactorization',
  'models.knn-bm25': 'Item-item BM25',
  'models.knn-bm25.from': 'implicit BM25Recommender',
  'models.knn-cosine': 'Item-item cosine',
  'models.knn-cosine.from': 'implicit CosineRecommender',
  'models.knn-tfidf': 'Item-item TF-IDF',
  'models.knn-tfidf.from': 'implicit TFIDFRecommender',
  'models.popular': 'Popularity',
  'models.popular.from': 'the baseline',
  'action.compare': 'comparing models',
  'fault.compare.notRatings':
    'The rating model learns from star ratings, and these data hold play counts or one value per interaction: choose a model of implicit feedback for them.',
  'fault.compare.settings': 'These settings cannot be trained: {detail}',
  'fault.compare.failed': 'Training failed: {detail}',
  'fault.model.otherKind':
    'This file holds a {kind} model; the page answers with ALS models. Compare the other kinds in step {step:compare}, or use the file with the command line (als recommend --model FILE).',
};
