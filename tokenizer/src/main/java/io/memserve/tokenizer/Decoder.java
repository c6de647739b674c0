package io.memserve.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The tokenizer.json decoder: turns token strings back into text, step by step over the whole list of tokens. */
interface Decoder {

    /** Concatenation, which is what Hugging Face does once the decoder chain is done. */
    Decoder FUSE = tokens -> List.of(String.join("", tokens));

    List<String> decodeChain(List<String> tokens);

    static Decoder fromJson(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return FUSE;
        }
        String type = Json.type(node, where);
        return switch (type) {
            case "Sequence" -> {
                JsonNode items = Json.array(node, "decoders", where);
                List<Decoder> steps = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    steps.add(fromJson(items.get(i), where + ".decoders[" + i + "]"));
                }
                yield tokens -> {
                    List<String> result = tokens;
                    for (Decoder step : steps) {
                        result = step.decodeChain(result);
                    }
                    return result;
                };
            }
            case "ByteLevel" -> Decoder::byteLevel;
            case "Replace" -> {
                Pattern pattern = TextPattern.parse(node.get("pattern"), where + ".pattern");
                String content = Matcher.quoteReplacement(Json.text(node, "content", where));
                yield tokens -> tokens.stream().map(t -> pattern.matcher(t).replaceAll(content)).toList();
            }
            case "ByteFallback" -> Decoder::byteFallback;
            case "Fuse" -> FUSE;
            case "Strip" -> {
                String content = Json.text(node, "content", where);
                int start = Json.integer(node, "start", where);
                int stop = Json.integer(node, "stop", where);
                yield tokens -> tokens.stream().map(t -> strip(t, content, start, stop)).toList();
            }
            case "Metaspace" -> {
                String replacement = Json.text(node, "replacement", where);
                boolean stripFirst = PrependScheme.fromJson(node, where) != PrependScheme.NEVER;
                // As in tokenizers, every replacement character of the first token is dropped, not only a leading one.
                yield tokens -> {
                    List<String> out = new ArrayList<>(tokens.size());
                    for (int i = 0; i < tokens.size(); i++) {
                        out.add(tokens.get(i).replace(replacement, i == 0 && stripFirst ? "" : " "));
                    }
                    return out;
                };
            }
            default -> throw Json.error(where, "unsupported decoder type '" + type + "'");
        };
    }

    /** Tokens made of alphabet characters become their bytes; any other token is taken as its own UTF-8. */
    private static List<String> byteLevel(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String token : tokens) {
            byte[] mapped = new byte[token.length()];
            boolean all = true;
            for (int i = 0; i < token.length() && all; i++) {
                int b = ByteLevelAlphabet.byteOf(token.charAt(i));
                all = b >= 0;
                if (all) {
                    mapped[i] = (byte) b;
                }
            }
            bytes.writeBytes(all ? mapped : token.getBytes(StandardCharsets.UTF_8));
        }
        return List.of(bytes.toString(StandardCharsets.UTF_8));
    }

    /** Runs of {@code <0xNN>} tokens become their UTF-8 text, or one U+FFFD per byte token when not valid UTF-8. */
    private static List<String> byteFallback(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int runTokens = 0;
        for (String token : tokens) {
            int b = byteTokenValue(token);
            if (b >= 0) {
                run.write(b);
                runTokens++;
                continue;
            }
            flushBytes(run, runTokens, out);
            runTokens = 0;
            out.add(token);
        }
        flushBytes(run, runTokens, out);
        return out;
    }

    private static void flushBytes(ByteArrayOutputStream run, int runTokens, List<String> out) {
        if (runTokens == 0) {
            return;
        }
        String text = Utf8.decodeStrict(run.toByteArray());
        out.add(text != null ? text : "\uFFFD".repeat(runTokens));
        run.reset();
    }

    private static int byteTokenValue(String token) {
        if (token.length() != 6 || !token.startsWith("<0x") || token.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(token.charAt(3), 16);
        int lo = Character.digit(token.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    private static String strip(String token, String content, int start, int stop) {
        int from = 0;
        int to = token.length();
        for (int i = 0; i < start && token.startsWith(content, from) && from < to; i++) {
            from += content.length();
        }
        for (int i = 0; i < stop && to - content.length() >= from && token.startsWith(content, to - content.length()); i++) {
            to -= content.length();
        }
        return token.substring(from, to);
    }
}
