#!/usr/bin/env bash
# Downloads the public source files of the text-quality benchmark into bench/text-quality/raw/ (not committed).
# Pinned URLs; see README.md for the licence of each set. Needs network access to GitHub, or:
#   TEXT_QUALITY_MIRROR=<dir> bench/text-quality/fetch.sh
# where <dir> holds one git directory per repository, named owner+name (a `git clone --mirror`, or such a
# directory with the git directory in a `repo/` subfolder); the files are then read with `git show` from the
# pinned commit where one is pinned, else from the mirror's HEAD. A file missing from the mirror is skipped.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p raw
MIRROR="${TEXT_QUALITY_MIRROR:-}"
# get <name> <owner/repo> <rev> <path>: rev "main"/"master" means the branch's latest commit
get() {
  local name=$1 repo=$2 rev=$3 path=$4
  [ -s "raw/$name" ] && return 0
  if [ -n "$MIRROR" ]; then
    local g="$MIRROR/${repo/\//+}"
    [ -d "$g/repo" ] && g="$g/repo"
    case "$rev" in main|master) rev=HEAD ;; esac
    if ! git --git-dir="$g" show "$rev:$path" > "raw/$name" 2>/dev/null; then
      rm -f "raw/$name"
      echo "skipped $name: $repo $rev:$path not in $MIRROR" >&2
    fi
  else
    curl -fsSL --retry 3 -o "raw/$name" "https://raw.githubusercontent.com/$repo/$rev/$path"
  fi
}
get cold-train.csv thu-coai/COLDataset main COLDataset/train.csv
get cold-dev.csv thu-coai/COLDataset main COLDataset/dev.csv
get cold-test.csv thu-coai/COLDataset main COLDataset/test.csv
get hatecheck.csv paul-rottger/hatecheck-data main test_suite_cases.csv
get olid-training-v1.0.tsv victoriyayeotobo/NLP-CW1 main olid-training-v1.0.tsv
get ethos-binary.csv intelligence-csd-auth-gr/Ethos-Hate-Speech-Dataset 705258e118ce9611ebbd5ab2a4841b0066547293 ethos/ethos_data/Ethos_Dataset_Binary.csv
get davidson.csv t-davidson/hate-speech-and-offensive-language master data/labeled_data.csv
# de Gibert et al. 2018 (Stormfront): 10,944 one-sentence files, so the pinned commit's archive
SF=b802137e8314c38a8d4faa965f9908d6c8e7a84d
if [ ! -s raw/stormfront/annotations_metadata.csv ]; then
  mkdir -p raw/stormfront
  if [ -n "$MIRROR" ]; then
    g="$MIRROR/Vicomtech+hate-speech-dataset"
    [ -d "$g/repo" ] && g="$g/repo"
    if git --git-dir="$g" cat-file -e "$SF" 2>/dev/null; then
      git --git-dir="$g" archive "$SF" all_files annotations_metadata.csv | tar -x -C raw/stormfront
    else
      rmdir raw/stormfront
      echo "skipped stormfront: Vicomtech/hate-speech-dataset $SF not in $MIRROR" >&2
    fi
  else
    curl -fsSL --retry 3 "https://github.com/Vicomtech/hate-speech-dataset/archive/$SF.tar.gz" \
      | tar -xz -C raw/stormfront --strip-components=1 --wildcards '*/all_files/*' '*/annotations_metadata.csv'
  fi
fi
echo "raw files in $(pwd)/raw; now: python3 prepare.py"
