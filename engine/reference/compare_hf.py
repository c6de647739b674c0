#!/usr/bin/env python3
"""Checks the engine's logits against Hugging Face transformers.

For every model directory given (or every subdirectory of a directory given) that holds engine_logits.f32 and
tokens.txt, as engine/reference/prepare.sh writes them, runs LlamaForCausalLM in float32 on the same token ids and
prints the relative error ||engine - hf|| / ||hf|| over the logits at all positions. Exits non-zero unless every
configuration is below 1e-3.

    python3 compare_hf.py OUT_DIR
"""
import sys
from pathlib import Path

import numpy as np
import torch
from transformers import LlamaForCausalLM

THRESHOLD = 1e-3


def model_dirs(args):
    for arg in args:
        path = Path(arg)
        if (path / "engine_logits.f32").is_file():
            yield path
        else:
            yield from sorted(p for p in path.iterdir() if (p / "engine_logits.f32").is_file())


def compare(path, device):
    tokens = [int(t) for t in (path / "tokens.txt").read_text().strip().split(",")]
    model = LlamaForCausalLM.from_pretrained(path, torch_dtype=torch.float32, attn_implementation="eager")
    model.to(device).eval()
    with torch.no_grad():
        hf = model(torch.tensor([tokens], device=device)).logits[0].double().cpu().numpy()
    engine = np.fromfile(path / "engine_logits.f32", dtype="<f4").reshape(len(tokens), -1).astype(np.float64)
    if engine.shape != hf.shape:
        raise SystemExit(f"{path.name}: engine logits {engine.shape} but transformers gives {hf.shape}")
    relative = np.linalg.norm(engine - hf) / np.linalg.norm(hf)
    last = np.linalg.norm(engine[-1] - hf[-1]) / np.linalg.norm(hf[-1])
    return relative, last


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    failures = 0
    checked = 0
    for path in model_dirs(sys.argv[1:]):
        relative, last = compare(path, device)
        ok = relative < THRESHOLD
        failures += not ok
        checked += 1
        print(f"{path.name:24s} relative error {relative:.3e} (last position {last:.3e}) {'PASS' if ok else 'FAIL'}")
    if checked == 0:
        raise SystemExit("no directory with engine_logits.f32 found")
    print(f"{checked - failures}/{checked} configurations PASS")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
