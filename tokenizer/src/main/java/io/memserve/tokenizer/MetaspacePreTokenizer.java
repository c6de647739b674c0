package io.memserve.tokenizer;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** SentencePiece-style pre-tokenization: spaces become the replacement character (▁), optionally prepended. */
final class MetaspacePreTokenizer implements PreTokenizer {

    private final String replacement;
    private final PrependScheme scheme;
    private final Pattern delimiter;

    private MetaspacePreTokenizer(String replacement, PrependScheme scheme, boolean split) {
        this.replacement = replacement;
        this.scheme = scheme;
        this.delimiter = split ? Pattern.compile(Pattern.quote(replacement)) : null;
    }

    static MetaspacePreTokenizer fromJson(JsonNode node, String where) {
        String replacement = Json.text(node, "replacement", where);
        return new MetaspacePreTokenizer(replacement, PrependScheme.fromJson(node, where),
                Json.flag(node, "split", true, where));
    }

    @Override
    public void split(String piece, boolean atStart, List<String> out) {
        String text = piece.replace(" ", replacement);
        if (scheme.prepends(atStart) && !text.startsWith(replacement)) {
            text = replacement + text;
        }
        if (delimiter == null) {
            out.add(text);
        } else {
            SplitBehavior.MERGED_WITH_NEXT.split(delimiter, false, text, out);
        }
    }
}
