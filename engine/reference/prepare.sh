#!/usr/bin/env bash
# Generates small F32 Llama checkpoints covering tied and untied embeddings, GQA ratios 1, 2 and 4 and llama3 rope
# scaling, and writes the engine's logits at every position of a fixed 40-token sequence beside each one, for
# compare_hf.py to check against Hugging Face transformers on another machine.
#
#   usage: engine/reference/prepare.sh OUT_DIR      (needs Java 25: set JAVA_HOME, and engine/target/memserve-engine.jar)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/memserve-engine.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ ! -f "$jar" ]]; then
  echo "$jar is missing: build it with ./mvnw -pl engine package" >&2
  exit 1
fi

# 40 token ids inside the tiny vocabulary (1024), starting with the generated tokenizer's BOS (1).
tokens="1"
for i in $(seq 1 39); do
  tokens="$tokens,$(( (i * 389 + 17) % 1000 + 8 ))"
done

generate() {
  local name="$1"
  shift
  "$java" -jar "$jar" generate --preset tiny --out "$out/$name" --seed 7 "$@"
  "$java" -jar "$jar" logits --model "$out/$name" --tokens "$tokens" --out "$out/$name/engine_logits.f32"
  echo "$tokens" > "$out/$name/tokens.txt"
}

mkdir -p "$out"
generate tied-mha --tied-embeddings --heads 4 --kv-heads 4
generate untied-gqa2 --no-tied-embeddings
generate untied-gqa4-llama3 --no-tied-embeddings --heads 8 --kv-heads 2 --llama3-rope-factor 8
generate tied-gqa4-llama3 --tied-embeddings --heads 4 --kv-heads 1 --llama3-rope-factor 32
echo "prepared $(ls "$out" | wc -l) configurations in $out"
