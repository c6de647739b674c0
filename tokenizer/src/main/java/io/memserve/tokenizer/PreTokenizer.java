package io.memserve.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The tokenizer.json pre-tokenizer: cuts normalized text into the pieces BPE encodes one by one.
 * {@code atStart} says whether the piece begins the whole input, which Metaspace's "first" scheme looks at.
 */
interface PreTokenizer {

    /** GPT-2's split, used by the ByteLevel pre-tokenizer when {@code use_regex} is true. */
    String GPT2_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    PreTokenizer NONE = (piece, atStart, out) -> out.add(piece);

    void split(String piece, boolean atStart, List<String> out);

    static PreTokenizer fromJson(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        String type = Json.type(node, where);
        return switch (type) {
            case "Sequence" -> {
                JsonNode items = Json.array(node, "pretokenizers", where);
                List<PreTokenizer> steps = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    steps.add(fromJson(items.get(i), where + ".pretokenizers[" + i + "]"));
                }
                yield sequence(steps);
            }
            case "Split" -> {
                Pattern pattern = TextPattern.parse(node.get("pattern"), where + ".pattern");
                SplitBehavior behavior = SplitBehavior.fromJson(Json.text(node, "behavior", where), where);
                boolean invert = Json.flag(node, "invert", false, where);
                yield (piece, atStart, out) -> behavior.split(pattern, invert, piece, out);
            }
            case "ByteLevel" -> byteLevel(Json.flag(node, "add_prefix_space", false, where),
                    Json.flag(node, "use_regex", true, where));
            case "Metaspace" -> MetaspacePreTokenizer.fromJson(node, where);
            case "Digits" -> {
                Pattern digits = Pattern.compile("\\p{N}");
                SplitBehavior behavior = Json.flag(node, "individual_digits", false, where)
                        ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS;
                yield (piece, atStart, out) -> behavior.split(digits, false, piece, out);
            }
            default -> throw Json.error(where, "unsupported pre_tokenizer type '" + type + "'");
        };
    }

    private static PreTokenizer sequence(List<PreTokenizer> steps) {
        return (piece, atStart, out) -> {
            List<String> current = List.of(piece);
            for (PreTokenizer step : steps) {
                List<String> next = new ArrayList<>();
                for (int i = 0; i < current.size(); i++) {
                    step.split(current.get(i), atStart && i == 0, next);
                }
                current = next;
            }
            out.addAll(current);
        };
    }

    private static PreTokenizer byteLevel(boolean addPrefixSpace, boolean useRegex) {
        Pattern gpt2 = Pattern.compile(GPT2_REGEX, Pattern.UNICODE_CHARACTER_CLASS);
        return (piece, atStart, out) -> {
            String text = addPrefixSpace && !piece.startsWith(" ") ? " " + piece : piece;
            List<String> parts = new ArrayList<>();
            if (useRegex) {
                SplitBehavior.ISOLATED.split(gpt2, false, text, parts);
            } else {
                parts.add(text);
            }
            for (String part : parts) {
                out.add(ByteLevelAlphabet.encode(part));
            }
        };
    }
}
