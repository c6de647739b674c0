"""Writes src/test/resources/vectors/strings.jsonl: the texts both encoders are compared on.

Deterministic (fixed seed, no input): hand-picked hard cases, then random mixtures of fragments.
Run from the tokenizer module: python3 reference/make_strings.py
"""
import json
import random
from pathlib import Path

HARD_CASES = [
    "", " ", "  ", "\n", "\n\n\n", "\t", "\t\tindented", "a  b   c    d", "trailing spaces   ", "   leading spaces",
    " \n \n ", "line one\r\nline two\r\n", "tab\tseparated\tvalues\t1\t2", "\u00a0non-breaking\u00a0space",
    "ideographic\u3000space", "line\u2028separator", "zero\u200bwidth", "\ufeffbyte order mark",
    "Hello, world!", "hello world", "HELLO WORLD", "I'm sure you're right; they'll know, we've seen, she'd go.",
    "DON'T SHOUT, IT'S LOUD", "O'Neil's dog's bone", "rock 'n' roll", "'quoted' \"double\" `back`",
    "Café, naïve, façade, déjà vu, Ångström, Øresund, Straße, Łódź, Ærø",
    "e\u0301 composed by NFC: Cafe\u0301", "\u1100\u1161\u11a8 decomposed hangul", "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３",
    "Съешь же ещё этих мягких французских булок, да выпей чаю.", "Γαζέες καὶ μυρτιὲς δὲν θὰ βρῶ πιὰ στὸ χρυσαφὶ ξέφωτο.",
    "نص عربي مع أرقام ١٢٣ و 456", "עברית עם ניקוד: שָׁלוֹם", "हिन्दी में एक वाक्य, संख्या १२३।",
    "中文文本，包含标点符号。还有数字123和English混合。", "日本語のテキスト、カタカナとひらがな。", "한국어 문장입니다. 숫자 123도 있어요.",
    "ภาษาไทยไม่มีช่องว่างระหว่างคำ", "Tiếng Việt có dấu: Hà Nội, Sài Gòn", "ქართული ენა", "Հայերեն", "አማርኛ",
    "😀", "👍🏽", "👨‍👩‍👧‍👦 family", "🏳️‍🌈 flag", "👩🏽‍💻 coder", "🇫🇷🇩🇪🇯🇵", "❤️‍🔥", "🤷🏿‍♀️", "emoji😀inside👍words",
    "1", "12", "123", "1234", "1234567890", "3.14159", "1,000,000.00", "-42", "+1 (555) 010-0100", "2024-05-17T10:30:00Z",
    "0x7fffffff", "1e-9", "v2.3.4-rc1", "٣٤٥", "१२३", "½ ¼ ¾ ²³",
    "Pneumonoultramicroscopicsilicovolcanoconiosis", "Donaudampfschifffahrtsgesellschaftskapitän",
    "supercalifragilisticexpialidocious" * 3, "a" * 200, "ab" * 150, "!!!???...", "...", "—–-", "«quotes» „German“ ‘single’",
    "def f(x):\n    return x ** 2\n", "for (int i = 0; i < n; i++) {\n\tsum += a[i];\n}",
    "if x != None and y >= 3: pass", "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 42); }",
    "SELECT * FROM t WHERE a = 'b' AND c <> 0;", "{\"key\": [1, 2, {\"nested\": null}], \"ok\": true}",
    "<html><body class=\"x\">&amp;&lt;&gt;</body></html>", "https://example.org/path?q=1&r=two#frag", "user@example.com",
    "C:\\Users\\name\\file.txt", "$HOME/.config && echo $PATH | grep -v x", "x = y ?? z; a?.b!.c",
    "<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n", "text<|im_end|>text", "<|im_end|><|im_end|>",
    "<|im_start", "im_start|>", "<|endoftext|>", "before <|endoftext|> after", "<|end_of_text|>", "<|begin_of_text|>Hi",
    "  <|im_start|>  spaced  <|im_end|>  ", "call [TOOL]  now", "  [TOOL]", "[TOOL][TOOL]", "x[TOOL]y",
    "the harbour town", "harbours", "xharbour", "harbour_", "(harbour)", "harbour harbour", "<|pad|><|pad|>", "<|unknown_special|>", "<s> </s> [INST]",
]

FRAGMENTS = [
    "the quick brown fox", "jumps over the lazy dog", "It's", "we'll", "they've", "Hello", "world", "naïve café",
    "Привет, мир", "Καλημέρα", "مرحبا بالعالم", "שלום עולם", "नमस्ते दुनिया", "你好，世界", "こんにちは世界",
    "안녕하세요 세계", "สวัสดีชาวโลก", "xin chào", "🙂", "🚀🚀", "👋🏻", "👨‍💻", "🇮🇹", "42", "2024", "3.5", "100%",
    "print('hi')", "x += 1;", "return None", "<div>", "</div>", "a_b_c", "camelCaseWord", "snake_case_word",
    "CONSTANT_VALUE", "--flag=value", "http://localhost:8080/", "   ", "\t", "\n", "\n\n", "...", "?!", "(parenthesis)",
    "[brackets]", "{braces}", "<|im_start|>", "<|im_end|>", "Straße", "Ελλάδα", "Ğüşçöı", "ÀÉÎÕÜ", "ñandú", "½",
]
SEPARATORS = [" ", "", "\n", "  ", "\t", ", ", " - ", "\n\n"]


def main():
    rng = random.Random(20240517)
    strings = list(HARD_CASES)
    while len(strings) < 320:
        parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 6))]
        text = parts[0]
        for part in parts[1:]:
            text += rng.choice(SEPARATORS) + part
        strings.append(text)
    out = Path(__file__).resolve().parent.parent / "src/test/resources/vectors/strings.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for i, text in enumerate(strings):
            f.write(json.dumps({"i": i, "text": text}, ensure_ascii=False) + "\n")
    print(f"wrote {len(strings)} strings to {out}")


if __name__ == "__main__":
    main()
