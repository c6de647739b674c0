"""Loads a generated model directory with Hugging Face transformers and checks that it is a complete Llama checkpoint.

Run on a machine with torch and transformers 5 installed:
    python checkpoint/scripts/check_with_transformers.py /path/to/models/tiny
Exits non-zero on the first discrepancy.
"""
import json
import sys
from pathlib import Path

import torch
from safetensors import safe_open
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer


def main(model_dir: Path) -> None:
    raw = json.loads((model_dir / "config.json").read_text())
    config = AutoConfig.from_pretrained(model_dir)
    assert type(config).__name__ == "LlamaConfig", type(config)
    for field in ("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
                  "num_key_value_heads", "head_dim", "vocab_size", "tie_word_embeddings"):
        assert getattr(config, field) == raw[field], (field, getattr(config, field), raw[field])
    rope = config.rope_parameters
    assert rope["rope_theta"] == raw["rope_theta"], rope
    assert rope["rope_type"] == raw["rope_parameters"]["rope_type"], rope

    model, info = AutoModelForCausalLM.from_pretrained(model_dir, output_loading_info=True, dtype=torch.float32)
    assert type(model).__name__ == "LlamaForCausalLM", type(model)
    for kind in ("missing_keys", "unexpected_keys", "mismatched_keys", "error_msgs"):
        assert not info[kind], (kind, info[kind])

    state = model.state_dict()
    with safe_open(model_dir / "model.safetensors", framework="pt") as f:
        for name in f.keys():
            assert torch.equal(state[name], f.get_tensor(name).to(torch.float32)), name

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    assert len(tokenizer) == config.vocab_size, (len(tokenizer), config.vocab_size)
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "Hello there!"}],
                                           add_generation_prompt=True, tokenize=False)
    ids = tokenizer(prompt, add_special_tokens=False, return_tensors="pt").input_ids
    with torch.no_grad():
        logits = model(ids).logits[0, -1]
    assert torch.isfinite(logits).all()
    print(f"{model_dir}: ok, {sum(p.numel() for p in model.parameters())} parameters, "
          f"{ids.shape[1]} prompt tokens, next token {int(logits.argmax())}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
