package io.memserve.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Split pre-tokenizer does with the stretches its pattern matches, as in Hugging Face tokenizers. */
enum SplitBehavior {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

    static SplitBehavior fromJson(String name, String where) {
        return switch (name) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> throw Json.error(where, "unknown split behavior '" + name + "'");
        };
    }

    void split(Pattern pattern, boolean invert, String text, List<String> out) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() == m.end()) {
                continue;
            }
            if (m.start() > last) {
                spans.add(new int[] {last, m.start(), invert ? 1 : 0});
            }
            spans.add(new int[] {m.start(), m.end(), invert ? 0 : 1});
            last = m.end();
        }
        if (last < text.length()) {
            spans.add(new int[] {last, text.length(), invert ? 1 : 0});
        }
        apply(text, spans, out);
    }

    private void apply(String text, List<int[]> spans, List<String> out) {
        List<int[]> pieces = new ArrayList<>();
        if (this == MERGED_WITH_NEXT) {
            boolean laterMatched = false;
            for (int i = spans.size() - 1; i >= 0; i--) {
                int[] span = spans.get(i);
                boolean matched = span[2] == 1;
                if (matched && !laterMatched && !pieces.isEmpty()) {
                    pieces.getLast()[0] = span[0];
                } else {
                    pieces.add(new int[] {span[0], span[1]});
                }
                laterMatched = matched;
            }
            pieces = pieces.reversed();
        } else {
            boolean previousMatched = false;
            for (int[] span : spans) {
                boolean matched = span[2] == 1;
                boolean extend = switch (this) {
                    case MERGED_WITH_PREVIOUS -> matched && !previousMatched && !pieces.isEmpty();
                    case CONTIGUOUS -> matched && previousMatched;
                    default -> false;
                };
                if (extend) {
                    pieces.getLast()[1] = span[1];
                } else if (!(this == REMOVED && matched)) {
                    pieces.add(new int[] {span[0], span[1]});
                }
                previousMatched = matched;
            }
        }
        for (int[] piece : pieces) {
            out.add(text.substring(piece[0], piece[1]));
        }
    }
}
