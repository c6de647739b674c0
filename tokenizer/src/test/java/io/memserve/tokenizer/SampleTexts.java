package io.memserve.tokenizer;

import java.util.List;

/** Texts that stress encoders and decoders: many scripts, emoji sequences, whitespace runs, code. All in NFC. */
final class SampleTexts {

    static final List<String> MIXED = List.of(
            "Hello, world! It's a fine day, isn't it? We'll see.",
            "Café naïve façade Ångström Øresund Straße Łódź déjà vu",
            "Съешь же ещё этих мягких французских булок",
            "Γαζέες καὶ μυρτιὲς δὲν θὰ βρῶ πιὰ",
            "مرحبا بالعالم ١٢٣",
            "שָׁלוֹם עולם",
            "नमस्ते दुनिया, हिन्दी",
            "中文文本，包含标点符号。日本語のテキスト、カタカナ。",
            "ภาษาไทยไม่มีช่องว่าง",
            "한국어 문장입니다. 안녕하세요!",
            "😀 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 👩🏽‍💻 🤷🏿‍♀️ 🇫🇷🇯🇵 ❤️‍🔥",
            "emoji😀inside👍🏻words and 🚀🚀🚀",
            "   leading and trailing   ",
            "tabs\t\tand\nnewlines\n\n\nand\r\nwindows\r\n",
            "a  b   c    d     e      f",
            "def f(x):\n    return {'a': [1, 2, 3], \"b\": x ** 2}  # comment\n",
            "for (int i = 0; i < n; i++) {\n\tsum += a[i] * 0x7f;\n}",
            "1234567890 3.14159 -42 1,000,000.00 2024-05-17T10:30:00Z",
            "Pneumonoultramicroscopicsilicovolcanoconiosis Donaudampfschifffahrtsgesellschaftskapitän",
            "mixed: Hello Привет 你好 مرحبا 😀 नमस्ते ελληνικά\tend");

    private SampleTexts() {
    }
}
