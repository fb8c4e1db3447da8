#!/usr/bin/env bash
# Writes the seed corpora of the text fuzz targets from tests/fixtures/formats:
# each fixture behind the control bytes its target reads first (see the
# comment at the top of each fuzz_*.cpp). Run once; the files are committed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$here/../fixtures/formats"
corpus="$here/corpus"
mkdir -p "$corpus"/{dataset_loader,detect_file_kind,prepare_and_train}

# seed TARGET NAME CONTROL-BYTES FIXTURE: control bytes (printf escapes), then the fixture.
seed() { { printf "$3"; cat "$fixtures/$4"; } > "$corpus/$1/$2"; }
flat() { echo "${1//\//_}"; }

# dataset_loader: [format] [flags: header | separator << 1] [2 chunks: 7, 50 bytes]
#   formats: 0 ratings.dat 1 movies.dat 2 u.data 3 u.item 4 ratings.csv 5 movies.csv
#            6 Last.fm 7 generic ratings 8 generic titles 9 unknown; separators: 0 tab 1 , 2 ; 3 : 4 |
while read -r format flags file; do
  seed dataset_loader "$(flat "$file")" "\\x$format\\x$flags\\x02\\x07\\x32" "$file"
done <<'LIST'
00 06 ml-1m/ratings.dat
01 06 ml-1m/movies.dat
02 00 ml-100k/u.data
03 08 ml-100k/u.item
04 03 ml-latest-small/ratings.csv
05 03 ml-latest-small/movies.csv
04 03 ml-latest-crlf/ratings.csv
05 03 ml-latest-crlf/movies.csv
06 00 lastfm-360k/usersha1-artmbid-artname-plays.tsv
07 05 generic/my_ratings.csv
07 00 generic/plays.tsv
08 03 generic/titles.csv
09 02 ml-1m/README
LIST
# ... and detected from a name (format 10; name index in flag bits 6-7), cut in 3 chunks of 1, 2, 3 bytes.
while read -r flags file; do
  seed dataset_loader "detected_$(flat "$file")" "\\x0a\\x$flags\\x03\\x01\\x02\\x03" "$file"
done <<'LIST'
00 ml-1m/ratings.dat
40 ml-latest-small/movies.csv
80 generic/plays.tsv
c0 lastfm-360k/usersha1-artmbid-artname-plays.tsv
LIST

# detect_file_kind: [whole file] [name length] name, then the fixture as the head.
(cd "$fixtures" && find . -type f | sed 's|^\./||' | sort) | while read -r file; do
  seed detect_file_kind "$(flat "$file")" "\\x01\\x$(printf %02x "${#file}")$file" "$file"
done

# prepare_and_train: [settings] [regularization] [alpha] [name], then the fixture.
#   settings: 1 Cholesky, 2 one_plus, 4/8 log/BM25, 16 binary, 32 threshold, 64/128 duplicates
#   names: 0 ratings.dat 1 ratings.csv 2 u.data 3 Last.fm 4 ratings.tsv (generic)
while read -r settings regularization alpha name file; do
  seed prepare_and_train "$(flat "$file")" "\\x$settings\\x$regularization\\x$alpha\\x$name" "$file"
done <<'LIST'
20 02 00 00 ml-1m/ratings.dat
21 02 01 01 ml-latest-small/ratings.csv
04 03 01 01 ml-latest-crlf/ratings.csv
12 01 00 02 ml-100k/u.data
48 02 01 03 lastfm-360k/usersha1-artmbid-artname-plays.tsv
01 02 00 04 generic/my_ratings.csv
80 00 03 04 generic/plays.tsv
LIST
echo "seeds written to $corpus"
