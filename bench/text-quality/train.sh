#!/bin/sh
# Reproduces the committed classifier weights (src/main/resources/classifier/) from the prepared data
# (bench/text-quality/fetch.sh + prepare.py). Deterministic: same data, same bytes.
#   bench/text-quality/train.sh zh-cv  # 5-fold cross-validation over COLD train+dev -> data/cold-oof.txt
#                                      # (out-of-fold probabilities for run.sh --pick cold-train,cold-dev 0.04 ...)
#   bench/text-quality/train.sh zh     # COLD train+dev -> abuse-zh.bin.gz
#   bench/text-quality/train.sh en     # OLID train part + HateCheck dev part -> abuse-en.bin.gz (NB-LR: features
#                                      # scaled by NB log-count ratios, folded into the weights); prints the OLID dev
#                                      # AUC and rates, writes data/olid-dev-prob.txt (one dev probability per row)
# Arguments of the trainer: out bits charMax epochs l2 train dev|- [cleanWeight [plain|nb [devProbabilities]]]
# (2^bits buckets; longest word char n-gram); cross-validation: cv bits charMax epochs l2 files cleanWeight k [oof]
# (ClassifierTrainer).
# The English threshold (AbuseClassifier.builtin) follows a rule fixed before the test splits are measured: the
# highest OLID dev accuracy of the whole default policy with at most 4.0% of OLID dev's clean posts flagged, and the
# evasion corpus no worse (no more look-alikes flagged, no fewer evasions). Candidates from
#   bench/text-quality/run.sh --pick olid-dev 0.04 bench/text-quality/data/olid-dev-prob.txt
# then checked with the full run.sh (the pick leaves the classifier out of the context-term check).
set -e
cd "$(dirname "$0")/../.."
D=bench/text-quality/data
mvn -q -B -o -Dspring-javaformat.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
run() { java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.vetter.detection.text.ClassifierTrainer "$@"; }
case "${1:-zh}" in
  zh-cv) run cv 18 3 6 1e-6 $D/cold-train.tsv,$D/cold-dev.tsv 2 5 $D/cold-oof.txt ;;
  zh) run src/main/resources/classifier/abuse-zh.bin.gz 18 3 6 1e-6 $D/cold-train.tsv,$D/cold-dev.tsv - 2 ;;
  en) run src/main/resources/classifier/abuse-en.bin.gz 16 4 6 1e-6 $D/olid-train.tsv,$D/hatecheck-dev.tsv $D/olid-dev.tsv 1 nb \
    $D/olid-dev-prob.txt ;;
  *) echo "usage: $0 zh|zh-cv|en" >&2; exit 2 ;;
esac
