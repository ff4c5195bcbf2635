#!/usr/bin/env bash
# Downloads the public source files of the text-quality benchmark into bench/text-quality/raw/ (not committed).
# Pinned URLs; see README.md for the licence of each set. Needs network access to GitHub.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p raw
get() { [ -s "raw/$1" ] || curl -fsSL --retry 3 -o "raw/$1" "$2"; }
get cold-train.csv https://raw.githubusercontent.com/thu-coai/COLDataset/main/COLDataset/train.csv
get cold-dev.csv https://raw.githubusercontent.com/thu-coai/COLDataset/main/COLDataset/dev.csv
get cold-test.csv https://raw.githubusercontent.com/thu-coai/COLDataset/main/COLDataset/test.csv
get hatecheck.csv https://raw.githubusercontent.com/paul-rottger/hatecheck-data/main/test_suite_cases.csv
get olid-training-v1.0.tsv https://raw.githubusercontent.com/victoriyayeotobo/NLP-CW1/main/olid-training-v1.0.tsv
get ethos-binary.csv https://raw.githubusercontent.com/intelligence-csd-auth-gr/Ethos-Hate-Speech-Dataset/705258e118ce9611ebbd5ab2a4841b0066547293/ethos/ethos_data/Ethos_Dataset_Binary.csv
get davidson.csv https://raw.githubusercontent.com/t-davidson/hate-speech-and-offensive-language/master/data/labeled_data.csv
# de Gibert et al. 2018 (Stormfront): 10,944 one-sentence files, so the pinned commit's archive
if [ ! -s raw/stormfront/annotations_metadata.csv ]; then
  mkdir -p raw/stormfront
  curl -fsSL --retry 3 https://github.com/Vicomtech/hate-speech-dataset/archive/b802137e8314c38a8d4faa965f9908d6c8e7a84d.tar.gz \
    | tar -xz -C raw/stormfront --strip-components=1 --wildcards '*/all_files/*' '*/annotations_metadata.csv'
fi
echo "raw files in $(pwd)/raw; now: python3 prepare.py"
