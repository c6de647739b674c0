"""Writes the two Llama-2-style byte-fallback BPE test tokenizers into src/test/resources/.

Trained with Hugging Face tokenizers on the module's own training text (src/main/resources/.../corpus.txt), with all
256 <0xNN> byte tokens, so characters outside the small vocabulary fall back to bytes:
- bytefallback/: normalizer Sequence[Prepend("▁"), Replace(" ", "▁")], no pre-tokenizer,
  decoder Sequence[Replace("▁", " "), ByteFallback, Fuse, Strip(" ", 1, 0)]  (Llama 2 / TinyLlama as saved by
  tokenizers < 0.19);
Byte tokens stay plain vocabulary entries (not added tokens), and a TemplateProcessing post-processor puts <s> first,
as in Llama 2's own file. Two non-special added tokens exercise the matching flags: "[TOOL]" (lstrip, rstrip, matched
on raw text) and "harbour" (single_word).
- metaspace/: the same model with a Metaspace(prepend_scheme="first", split=False) pre-tokenizer and Sequence[Metaspace, ByteFallback, Fuse] decoder.
Run from the tokenizer module with tokenizers installed: python3 reference/make_byte_fallback_tokenizers.py
"""
import json
from pathlib import Path

from tokenizers import AddedToken, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

MODULE = Path(__file__).resolve().parent.parent
CORPUS = MODULE / "src/main/resources/io/memserve/tokenizer/corpus.txt"
SPECIALS = ["<unk>", "<s>", "</s>"]


def main():
    tokenizer = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tokenizer.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    tokenizer.decoder = decoders.Sequence([
        decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(), decoders.Strip(" ", 1, 0)])
    bytes_ = [f"<0x{b:02X}>" for b in range(256)]
    trainer = trainers.BpeTrainer(vocab_size=900, special_tokens=SPECIALS + bytes_, limit_alphabet=120,
                                  show_progress=False)
    paragraphs = CORPUS.read_text(encoding="utf-8").split("\n\n")
    tokenizer.train_from_iterator(paragraphs, trainer)
    tokenizer.add_tokens([AddedToken("[TOOL]", lstrip=True, rstrip=True, normalized=False),
                          AddedToken("harbour", single_word=True, normalized=False)])
    save(tokenizer, MODULE / "src/test/resources/bytefallback")

    tokenizer.normalizer = None
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    tokenizer.decoder = decoders.Sequence([
        decoders.Metaspace(replacement="▁", prepend_scheme="first", split=False), decoders.ByteFallback(),
        decoders.Fuse()])
    save(tokenizer, MODULE / "src/test/resources/metaspace")
    print("wrote bytefallback/ and metaspace/ tokenizers")


def save(tokenizer, directory):
    spec = json.loads(tokenizer.to_str())
    spec["added_tokens"] = [t for t in spec["added_tokens"] if not t["content"].startswith("<0x")]
    bos = spec["model"]["vocab"]["<s>"]
    spec["post_processor"] = {
        "type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
        "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                 {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
        "special_tokens": {"<s>": {"id": "<s>", "ids": [bos], "tokens": ["<s>"]}},
    }
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps(spec, ensure_ascii=False, indent=2)
    Tokenizer.from_str(text)
    (directory / "tokenizer.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
