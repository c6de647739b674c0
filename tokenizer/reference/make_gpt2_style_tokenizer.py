"""Writes src/test/resources/gpt2style/tokenizer.json: the generated tokenizer's vocabulary and merges behind a
GPT-2-style pipeline, ByteLevel(add_prefix_space=True, use_regex=True) as the only pre-tokenizer, no post-processor,
ignore_merges off. It checks the GPT-2 split regex and prefix space against Hugging Face tokenizers.
Run from the tokenizer module after the generated tokenizer is in place: python3 reference/make_gpt2_style_tokenizer.py
"""
import json
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "src/test/resources"


def main():
    spec = json.loads((RESOURCES / "generated/tokenizer.json").read_text(encoding="utf-8"))
    spec["pre_tokenizer"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    spec["post_processor"] = None
    spec["model"]["ignore_merges"] = False
    out = RESOURCES / "gpt2style"
    out.mkdir(parents=True, exist_ok=True)
    (out / "tokenizer.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out / 'tokenizer.json'}")


if __name__ == "__main__":
    main()
