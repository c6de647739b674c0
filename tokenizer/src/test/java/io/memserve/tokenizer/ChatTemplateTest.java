package io.memserve.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real models' chat templates must render exactly as transformers renders them (Jinja2, trim and lstrip blocks). */
class ChatTemplateTest {

    private static final List<ChatMessage> WITH_SYSTEM = List.of(
            new ChatMessage("system", "You are terse."),
            new ChatMessage("user", "  Hi there!\n"),
            new ChatMessage("assistant", "Hello."),
            new ChatMessage("user", "2+2?"));
    private static final List<ChatMessage> WITHOUT_SYSTEM = List.of(
            new ChatMessage("user", "Hi there!"),
            new ChatMessage("assistant", "Hello."),
            new ChatMessage("user", "2+2?"));

    private static ChatTemplate template(String name, Map<String, String> specialTokens) throws IOException {
        return new ChatTemplate(Files.readString(TestModels.resourceDir("templates").resolve(name + ".jinja")), specialTokens);
    }

    @Test
    void llama3TrimsContentAndOpensWithBos() throws IOException {
        ChatTemplate llama3 = template("llama3", Map.of("bos_token", "<|begin_of_text|>", "eos_token", "<|eot_id|>"));
        String turns = "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi there!<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\n2+2?<|eot_id|>";
        assertEquals(turns + "<|start_header_id|>assistant<|end_header_id|>\n\n", llama3.render(WITH_SYSTEM, true));
        assertEquals(turns, llama3.render(WITH_SYSTEM, false));
    }

    @Test
    void qwen2AddsTheDefaultSystemPromptOnlyWhenThereIsNone() throws IOException {
        ChatTemplate qwen2 = template("qwen2", Map.of("eos_token", "<|im_end|>"));
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\n  Hi there!\n<|im_end|>\n"
                        + "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\n2+2?<|im_end|>\n"
                        + "<|im_start|>assistant\n",
                qwen2.render(WITH_SYSTEM, true));
        assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi there!<|im_end|>\n"
                        + "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\n2+2?<|im_end|>\n"
                        + "<|im_start|>assistant\n",
                qwen2.render(WITHOUT_SYSTEM, true));
    }

    @Test
    void zephyrKeepsTheNewlinesAfterExpressionsButNotAfterBlocks() throws IOException {
        ChatTemplate zephyr = template("zephyr", Map.of("bos_token", "<s>", "eos_token", "</s>"));
        assertEquals("<|system|>\nYou are terse.</s>\n<|user|>\n  Hi there!\n</s>\n<|assistant|>\nHello.</s>\n"
                + "<|user|>\n2+2?</s>\n<|assistant|>\n", zephyr.render(WITH_SYSTEM, true));
        assertEquals("<|user|>\nHi there!</s>\n<|assistant|>\nHello.</s>\n<|user|>\n2+2?</s>\n",
                zephyr.render(WITHOUT_SYSTEM, false));
    }

    @Test
    void mistralAlternatesRolesOrRaises() throws IOException {
        ChatTemplate mistral = template("mistral", Map.of("bos_token", "<s>", "eos_token", "</s>"));
        assertEquals("<s>[INST] Hi there! [/INST]Hello.</s>[INST] 2+2? [/INST]", mistral.render(WITHOUT_SYSTEM, true));
        IllegalArgumentException notAlternating = assertThrows(IllegalArgumentException.class,
                () -> mistral.render(List.of(new ChatMessage("user", "a"), new ChatMessage("user", "b")), true));
        assertTrue(notAlternating.getMessage().contains("Conversation roles must alternate"), notAlternating.getMessage());
        IllegalArgumentException system = assertThrows(IllegalArgumentException.class,
                () -> mistral.render(List.of(new ChatMessage("system", "a")), true));
        assertTrue(system.getMessage().contains("Conversation roles must alternate"), system.getMessage());
    }

    @Test
    void theGeneratedTokenizerTemplateRendersChatMlAndEncodesItsMarkersAsSpecialTokens() {
        Tokenizer tokenizer = TestModels.generated();
        String rendered = tokenizer.chatTemplate().render(List.of(new ChatMessage("user", "Hi")), true);
        assertEquals("<|begin_of_text|><|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", rendered);
        int[] ids = tokenizer.encode(rendered);
        assertEquals(tokenizer.bosId().getAsInt(), ids[0]);
        assertEquals(tokenizer.idOf(GeneratedTokenizer.IM_START).getAsInt(), ids[1]);
        assertEquals(rendered, tokenizer.decode(ids));
    }

    @Test
    void aTrailingNewlineOfTheTemplateFileIsDroppedAsJinjaDoes() {
        ChatTemplate template = new ChatTemplate("{% for m in messages %}{{ m['content'] }}{% endfor %}\n", Map.of());
        assertEquals("ab", template.render(List.of(new ChatMessage("user", "a"), new ChatMessage("user", "b")), false));
    }

    @Test
    void aModelWithoutTemplateSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestModels.byName("bytefallback").chatTemplate());
        assertTrue(e.getMessage().contains("has no chat template"), e.getMessage());
    }
}
