// The engine describes each file it read in English (cpp/io/file_format.cpp:
// "MovieLens ratings (ratings.csv)", "documentation (not needed)", "looks
// like binary data (PNG image)"), and names formats and data sets the same
// way. These are words, not data: they are shown in the page's language by
// recognising the engine's phrase and looking up its key. A phrase not
// known here is shown as the engine wrote it (tests/js/i18n.test.js checks
// that every phrase in the C++ sources is known).

// Readable files: "<head> (<detail>)"; the detail is a file name or a column
// layout, or for generic files the separator and header.
export const FORMAT_HEADS = {
  'MovieLens 1M/10M ratings': 'fileKind.ml1mRatings',
  'MovieLens 1M/10M movies': 'fileKind.ml1mMovies',
  'MovieLens 100K ratings': 'fileKind.ml100kRatings',
  'MovieLens 100K movies': 'fileKind.ml100kMovies',
  'MovieLens ratings': 'fileKind.mlRatings',
  'MovieLens movies': 'fileKind.mlMovies',
  'Last.fm 360K play counts': 'fileKind.lastfmPlays',
  'user,item,value ratings': 'fileKind.genericRatings',
  'item,title list': 'fileKind.genericTitles',
};

// Why a file was not read (ignored: belongs to a known data set; unknown: not data).
export const REASONS = {
  'macOS metadata (not needed)': 'fileKind.macMetadata',
  'folder metadata (not needed)': 'fileKind.folderMetadata',
  'documentation (not needed)': 'fileKind.documentation',
  'MovieLens tags (not needed)': 'fileKind.mlTags',
  'MovieLens links to IMDb and TMDb (not needed)': 'fileKind.mlLinks',
  'MovieLens tag genome (not needed)': 'fileKind.mlGenome',
  'MovieLens checksums (not needed)': 'fileKind.mlChecksums',
  'MovieLens 1M user demographics (not needed)': 'fileKind.ml1mUsers',
  'MovieLens 100K user demographics (not needed)': 'fileKind.ml100kUsers',
  'MovieLens 100K metadata (not needed)': 'fileKind.ml100kMetadata',
  'MovieLens 100K train/test split (not needed: u.data holds all the ratings)': 'fileKind.ml100kSplit',
  'MovieLens 100K script (not needed)': 'fileKind.ml100kScript',
  'Last.fm user profiles (not needed)': 'fileKind.lastfmProfiles',
  'Last.fm script (not needed)': 'fileKind.lastfmScript',
  'empty file': 'fileKind.empty',
  'empty file (only blank lines)': 'fileKind.blankLines',
  'UTF-16 text: save the file as UTF-8': 'fileKind.utf16',
  'looks like binary data': 'fileKind.binary',
  'no columns found (expected values separated by tab, comma or semicolon)': 'fileKind.noColumns',
  'decided by its content': 'fileKind.byContent',
  'not detected yet': 'fileKind.notDetected',
};

// What binary data looks like (cpp/io/content_sniffer.cpp binary_signature).
export const SIGNATURES = {
  'PNG image': 'fileKind.sigPng',
  'JPEG image': 'fileKind.sigJpeg',
  'GIF image': 'fileKind.sigGif',
  'ZIP archive: unzip it and add the files inside': 'fileKind.sigZip',
  'empty ZIP archive': 'fileKind.sigEmptyZip',
  'gzip archive: decompress it first': 'fileKind.sigGzip',
  'bzip2 archive: decompress it first': 'fileKind.sigBzip2',
  'xz archive: decompress it first': 'fileKind.sigXz',
  '7-Zip archive: extract it first': 'fileKind.sig7z',
  'RAR archive: extract it first': 'fileKind.sigRar',
  'PDF document': 'fileKind.sigPdf',
  'Microsoft Office document: save it as CSV': 'fileKind.sigOffice',
  'SQLite database': 'fileKind.sigSqlite',
  'Parquet file': 'fileKind.sigParquet',
  executable: 'fileKind.sigExecutable',
  'Windows executable': 'fileKind.sigWindowsExecutable',
  'TIFF image': 'fileKind.sigTiff',
  'Ogg media': 'fileKind.sigOgg',
  'MP3 audio': 'fileKind.sigMp3',
  'WebP image': 'fileKind.sigWebp',
  'WAV audio': 'fileKind.sigWav',
  'AVI video': 'fileKind.sigAvi',
  'MP4/QuickTime media': 'fileKind.sigMp4',
};

// format_name() and describe_data_set() of the engine: the heading of a data set.
export const FORMAT_NAMES = {
  'user,item,value ratings': 'fileKind.genericRatings',
  'item,title list': 'fileKind.genericTitles',
  'Last.fm plays': 'fileKind.lastfmFormat',
  'your own ratings': 'fileKind.ownRatings',
  'unknown data set': 'fileKind.unknownDataSet',
  'MovieLens (latest, 20M, 25M or 32M)': 'fileKind.mlLatestDataSet',
  unknown: 'fileKind.unknown',
  ignored: 'fileKind.ignored',
};

const SEPARATORS = {
  'comma separated': 'fileKind.sepComma',
  'tab separated': 'fileKind.sepTab',
  'semicolon separated': 'fileKind.sepSemicolon',
};

function reason(t, text) {
  if (REASONS[text]) return t(REASONS[text]);
  const binary = /^looks like binary data \((.+)\)$/.exec(text);
  if (binary) return t('fileKind.binaryOf', { what: SIGNATURES[binary[1]] ? t(SIGNATURES[binary[1]]) : binary[1] });
  const numbers = /^found (\d+) columns of numbers; expected user,item,value ratings or item,title names$/.exec(text);
  if (numbers) return t('fileKind.numbersOnly', { count: Number(numbers[1]) });
  return readable(t, text);
}

function readable(t, text) {
  const m = /^(.+) \((.+)\)$/.exec(text);
  const head = m ? m[1] : text;
  if (!FORMAT_HEADS[head]) return text;
  if (!m) return t(FORMAT_HEADS[head]);
  const generic = /^(comma separated|tab separated|semicolon separated)(, with a header)?$/.exec(m[2]);
  const detail = generic
    ? t(generic[2] ? 'fileKind.separatorWithHeader' : 'fileKind.separator', { separator: t(SEPARATORS[generic[1]]) })
    : m[2];
  return `${t(FORMAT_HEADS[head])} (${detail})`;
}

// A file report's description ({ role, description } from the engine), in the page's language.
export function describeFile(t, { role, description }) {
  const renamed = /^(.+?) does not have the MovieLens columns; (read as )?(.*)$/.exec(description);
  if (renamed) {
    const rest = renamed[2] ? t('fileKind.readAs', { kind: readable(t, renamed[3]) }) : reason(t, renamed[3]);
    return t('fileKind.notMovieLensColumns', { file: renamed[1], rest });
  }
  return role === 'ratings' || role === 'titles' ? readable(t, description) : reason(t, description);
}

// A format or data set name ("MovieLens ratings.csv", "your own ratings").
export function formatName(t, name) {
  return FORMAT_NAMES[name] ? t(FORMAT_NAMES[name]) : name;
}

// The loader's warnings (cpp/io/dataset_loader.cpp add_warnings), or null for one not known.
export function describeWarning(t, text) {
  const unusable = /^could not use (.+?): (.*)$/.exec(text);
  if (unusable)
    return t('report.couldNotUse', {
      file: unusable[1],
      reason: describeFile(t, { role: 'unknown', description: unusable[2] }),
    });
  const mixed =
    /^ratings files of different formats were combined: (.+); their user and item ids are merged as if they were the same$/.exec(
      text,
    );
  if (mixed) return t('report.mixedFormats', { files: mixed[1] });
  return null;
}
