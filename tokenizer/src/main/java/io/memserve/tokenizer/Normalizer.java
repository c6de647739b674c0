package io.memserve.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The tokenizer.json normalizer: rewrites each stretch of text between added tokens before pre-tokenization. */
interface Normalizer {

    Normalizer IDENTITY = text -> text;

    String normalize(String text);

    static Normalizer fromJson(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return IDENTITY;
        }
        String type = Json.type(node, where);
        return switch (type) {
            case "Sequence" -> {
                JsonNode items = Json.array(node, "normalizers", where);
                List<Normalizer> steps = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    steps.add(fromJson(items.get(i), where + ".normalizers[" + i + "]"));
                }
                yield text -> {
                    String result = text;
                    for (Normalizer step : steps) {
                        result = step.normalize(result);
                    }
                    return result;
                };
            }
            case "Replace" -> {
                Pattern pattern = TextPattern.parse(node.get("pattern"), where + ".pattern");
                String content = Matcher.quoteReplacement(Json.text(node, "content", where));
                yield text -> pattern.matcher(text).replaceAll(content);
            }
            case "Prepend" -> {
                String prefix = Json.text(node, "prepend", where);
                yield text -> text.isEmpty() ? text : prefix + text;
            }
            case "Strip" -> {
                boolean left = Json.flag(node, "strip_left", true, where);
                boolean right = Json.flag(node, "strip_right", true, where);
                yield text -> left && right ? text.strip() : left ? text.stripLeading() : right ? text.stripTrailing() : text;
            }
            case "Lowercase" -> text -> text.toLowerCase(Locale.ROOT);
            case "NFC" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
            case "NFD" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
            case "NFKC" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
            case "NFKD" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD);
            default -> throw Json.error(where, "unsupported normalizer type '" + type + "'");
        };
    }
}
