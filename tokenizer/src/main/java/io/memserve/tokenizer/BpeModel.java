package io.memserve.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BPE model of a tokenizer.json: turns one pre-token into ids by applying merges lowest rank first (leftmost on
 * ties), as Hugging Face tokenizers does. Results are cached per pre-token because natural text repeats its words.
 */
final class BpeModel {

    private static final int CACHE_CAPACITY = 20_000;
    private static final int CACHEABLE_LENGTH = 64;

    private final Map<String, Integer> vocab;
    private final String[] tokens;
    private final MergeTable merges;
    private final int unkId;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;
    private final int[] byteTokenIds;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param byteFallback whether characters missing from the vocabulary become {@code <0xNN>} byte tokens
     */
    BpeModel(Map<String, Integer> vocab, MergeTable merges, int unkId, boolean fuseUnk, boolean byteFallback,
             boolean ignoreMerges) {
        this.vocab = vocab;
        this.merges = merges;
        this.unkId = unkId;
        this.fuseUnk = fuseUnk;
        this.ignoreMerges = ignoreMerges;
        int maxId = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.tokens = new String[maxId + 1];
        vocab.forEach((token, id) -> tokens[id] = token);
        this.byteTokenIds = byteFallback ? byteTokenIds(vocab) : null;
    }

    private static int[] byteTokenIds(Map<String, Integer> vocab) {
        int[] ids = new int[256];
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(byteTokenName(b));
            ids[b] = id == null ? -1 : id;
        }
        return ids;
    }

    static String byteTokenName(int b) {
        return String.format("<0x%02X>", b);
    }

    /** One past the highest id of the model's own vocabulary. */
    int size() {
        return tokens.length;
    }

    String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    Integer id(String token) {
        return vocab.get(token);
    }

    void tokenize(String word, IntList out) {
        if (word.isEmpty()) {
            return;
        }
        if (ignoreMerges) {
            Integer whole = vocab.get(word);
            if (whole != null) {
                out.add(whole);
                return;
            }
        }
        boolean cacheable = word.length() <= CACHEABLE_LENGTH;
        if (cacheable) {
            int[] cached = cache.get(word);
            if (cached != null) {
                out.addAll(cached);
                return;
            }
        }
        int[] ids = merge(initialSymbols(word));
        if (cacheable && cache.size() < CACHE_CAPACITY) {
            cache.put(word, ids);
        }
        out.addAll(ids);
    }

    private IntList initialSymbols(String word) {
        IntList symbols = new IntList(word.length());
        boolean previousUnknown = false;
        for (int i = 0; i < word.length(); ) {
            int end = i + Character.charCount(word.codePointAt(i));
            String ch = word.substring(i, end);
            i = end;
            Integer id = vocab.get(ch);
            if (id != null) {
                symbols.add(id);
                previousUnknown = false;
            } else if (byteTokenIds != null && addBytes(ch, symbols)) {
                previousUnknown = false;
            } else if (unkId >= 0) {
                if (!(fuseUnk && previousUnknown)) {
                    symbols.add(unkId);
                }
                previousUnknown = true;
            }
        }
        return symbols;
    }

    private boolean addBytes(String ch, IntList symbols) {
        byte[] bytes = ch.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (byteTokenIds[b & 0xFF] < 0) {
                return false;
            }
        }
        for (byte b : bytes) {
            symbols.add(byteTokenIds[b & 0xFF]);
        }
        return true;
    }

    /** Merges lowest rank first over a linked list of symbols; a heap holds candidate pairs by (rank, position). */
    private int[] merge(IntList symbols) {
        int n = symbols.size();
        int[] id = symbols.toArray();
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        LongHeap heap = new LongHeap(n);
        for (int i = 0; i + 1 < n; i++) {
            push(heap, id, i, i + 1);
        }
        int alive = n;
        while (!heap.isEmpty()) {
            long top = heap.poll();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = next[pos];
            if (id[pos] < 0 || right < 0) {
                continue;
            }
            long merge = merges.get(id[pos], id[right]);
            if (merge < 0 || (int) (merge >>> 32) != rank) {
                continue;
            }
            id[pos] = (int) merge;
            id[right] = -1;
            next[pos] = next[right];
            if (next[pos] >= 0) {
                prev[next[pos]] = pos;
            }
            alive--;
            if (prev[pos] >= 0) {
                push(heap, id, prev[pos], pos);
            }
            if (next[pos] >= 0) {
                push(heap, id, pos, next[pos]);
            }
        }
        int[] result = new int[alive];
        int k = 0;
        for (int i = 0; i >= 0 && i < n; i = next[i]) {
            result[k++] = id[i];
        }
        return result;
    }

    private void push(LongHeap heap, int[] id, int left, int right) {
        long merge = merges.get(id[left], id[right]);
        if (merge >= 0) {
            heap.add((merge & 0xFFFFFFFF00000000L) | left);
        }
    }
}
