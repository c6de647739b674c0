package io.memserve.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens in text, leftmost and then longest first, with their single_word, lstrip and rstrip rules, and
 * cuts the text into plain stretches and token ids.
 */
final class AddedTokenMatcher {

    /** A piece of the input: either plain text ({@code token == null}) or one added token. */
    record Segment(String text, AddedToken token) {
    }

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>();
        AddedToken token;
    }

    private final Node root = new Node();
    private final boolean empty;

    AddedTokenMatcher(List<AddedToken> tokens) {
        for (AddedToken token : tokens) {
            Node node = root;
            for (int i = 0; i < token.content().length(); i++) {
                node = node.children.computeIfAbsent(token.content().charAt(i), c -> new Node());
            }
            node.token = token;
        }
        empty = tokens.isEmpty();
    }

    /** Appends the segments of {@code text} to {@code out}, in order. */
    void split(String text, List<Segment> out) {
        if (empty) {
            out.add(new Segment(text, null));
            return;
        }
        int plainStart = 0;
        int i = 0;
        while (i < text.length()) {
            Node match = null;
            int end = -1;
            Node node = root;
            for (int j = i; j < text.length() && (node = node.children.get(text.charAt(j))) != null; j++) {
                if (node.token != null) {
                    match = node;
                    end = j + 1;
                }
            }
            if (match == null) {
                i++;
                continue;
            }
            AddedToken token = match.token;
            if (token.singleWord() && (isWordChar(text, i - 1) || isWordChar(text, end))) {
                i = end;
                continue;
            }
            int start = i;
            if (token.lstrip()) {
                while (start > plainStart && Whitespace.is(text.charAt(start - 1))) {
                    start--;
                }
            }
            if (token.rstrip()) {
                while (end < text.length() && Whitespace.is(text.charAt(end))) {
                    end++;
                }
            }
            if (start > plainStart) {
                out.add(new Segment(text.substring(plainStart, start), null));
            }
            out.add(new Segment(null, token));
            plainStart = end;
            i = end;
        }
        if (plainStart < text.length()) {
            out.add(new Segment(text.substring(plainStart), null));
        }
    }

    private static boolean isWordChar(String text, int index) {
        if (index < 0 || index >= text.length()) {
            return false;
        }
        char c = text.charAt(index);
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
