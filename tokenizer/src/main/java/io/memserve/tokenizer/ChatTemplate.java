package io.memserve.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's Jinja chat template, rendered with Jinjava the way transformers renders it: trim_blocks and lstrip_blocks
 * on, the variables {@code messages}, {@code add_generation_prompt}, the special tokens ({@code bos_token},
 * {@code eos_token}, ...) and the function {@code raise_exception}. The rendered text already holds the template's
 * special tokens (often BOS), so encode it with {@link Tokenizer#encode}, not encodeWithSpecialTokens.
 */
public final class ChatTemplate {

    private final String template;
    private final Map<String, String> specialTokens;
    private final Jinjava jinjava;

    ChatTemplate(String template, Map<String, String> specialTokens) {
        // Jinja2, as transformers configures it, drops a single trailing newline of the template source.
        this.template = template.endsWith("\n") ? template.substring(0, template.length() - 1) : template;
        this.specialTokens = Map.copyOf(specialTokens);
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                TemplateRaisedException.class, "raise", String.class));
    }

    /**
     * Renders the conversation.
     *
     * @throws IllegalArgumentException when the template rejects the conversation (raise_exception) or fails
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> turns = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("role", message.role());
            turn.put("content", message.content());
            turns.add(turn);
        }
        Map<String, Object> bindings = new HashMap<>(specialTokens);
        bindings.put("messages", turns);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = jinjava.renderForResult(template, bindings);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
                    if (cause instanceof TemplateRaisedException raised) {
                        throw new IllegalArgumentException("the chat template rejects the conversation: "
                                + raised.getMessage(), raised);
                    }
                }
                throw new IllegalArgumentException("chat template failed at line " + error.getLineno() + ": "
                        + error.getMessage(), error.getException());
            }
        }
        return result.getOutput();
    }
}
