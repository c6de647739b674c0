package io.memserve.engine;

import io.memserve.checkpoint.ModelConfig;
import io.memserve.engine.backend.Backend;
import io.memserve.engine.backend.CpuBackend;
import io.memserve.engine.kv.BlockTable;
import io.memserve.engine.kv.KvPagePool;
import io.memserve.engine.kv.KvPoolFullException;
import io.memserve.engine.model.LlamaModel;
import io.memserve.engine.sampling.SamplingParams;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A loaded model ready to serve: its weights, a KV page pool, and the batched step that advances any mix of prefilling
 * and decoding sequences. On the CPU backend every logit of a sequence is bit-identical whatever else shares its step,
 * however its prompt was chunked, and whether its prefix pages were computed here or imported.
 *
 * <p>{@link #step} is meant to be called from one scheduling thread; the page pool may be used from any thread.
 */
public final class Engine implements AutoCloseable {

    private final LlamaModel model;
    private final Backend backend;
    private final KvPagePool pages;
    private final BlockKeyChain keyChain;
    private final ForwardPass forward;

    private Engine(LlamaModel model, Backend backend, KvPagePool pages) {
        this.model = model;
        this.backend = backend;
        this.pages = pages;
        this.keyChain = new BlockKeyChain(model.modelId(), pages.layout());
        this.forward = new ForwardPass(model, backend);
    }

    /**
     * Opens the model directory and sets up the CPU backend and a page pool as {@code options} say. The backend
     * prepares every matrix here, so a worker's start-up, not its first request, pays for it.
     */
    public static Engine load(Path modelDir, EngineOptions options) {
        LlamaModel model = LlamaModel.open(modelDir);
        CpuBackend backend = null;
        try {
            backend = new CpuBackend(options.threads());
            model.matrices().forEach(backend::prepare);
            return new Engine(model, backend, new KvPagePool(model.kvLayout(), options.kvPages()));
        } catch (RuntimeException e) {
            if (backend != null) {
                backend.close();
            }
            model.close();
            throw e;
        }
    }

    public LlamaModel model() {
        return model;
    }

    public ModelConfig config() {
        return model.config();
    }

    public String modelId() {
        return model.modelId();
    }

    public BlockLayout kvLayout() {
        return pages.layout();
    }

    /** Keys of full pages, as MemPool indexes them. */
    public BlockKeyChain keyChain() {
        return keyChain;
    }

    public KvPagePool pages() {
        return pages;
    }

    public Backend backend() {
        return backend;
    }

    public Sequence newSequence() {
        return new Sequence(pages);
    }

    /** The {@code index}-th sampled token of a request. */
    public int sample(float[] logits, SamplingParams params, int index) {
        return backend.sample(logits, params, index);
    }

    /**
     * Feeds each sequence its new tokens and returns, in the same order, the logits after each one's last new token.
     * Either the whole step happens or, on an error, no sequence changes.
     *
     * @throws KvPoolFullException when the pages for the new tokens cannot all be had
     * @throws IllegalArgumentException for a token outside the vocabulary, a position past the model's context, a
     *         sequence that is closed, foreign or listed twice
     */
    public List<float[]> step(List<SequenceStep> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one sequence");
        }
        validate(steps);
        int[] pagesBefore = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            pagesBefore[i] = steps.get(i).sequence().table().size();
        }
        try {
            reservePages(steps);
            float[][] logits = runForward(steps);
            for (SequenceStep s : steps) {
                s.sequence().append(s.tokens(), 0, s.tokens().length);
            }
            return List.of(logits);
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).sequence().table().truncate(pagesBefore[i]);
            }
            throw e;
        }
    }

    private void validate(List<SequenceStep> steps) {
        ModelConfig c = model.config();
        Set<Sequence> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SequenceStep s : steps) {
            Sequence seq = s.sequence();
            if (!seen.add(seq)) {
                throw new IllegalArgumentException("a sequence appears twice in one step");
            }
            if (seq.isClosed()) {
                throw new IllegalArgumentException("sequence is closed");
            }
            if (seq.table().pool() != pages) {
                throw new IllegalArgumentException("sequence belongs to another engine");
            }
            long end = (long) seq.length() + s.tokens().length;
            if (end > c.maxPositionEmbeddings()) {
                throw new IllegalArgumentException("sequence would reach " + end + " tokens, past the model's "
                        + c.maxPositionEmbeddings() + " positions");
            }
            for (int token : s.tokens()) {
                if (token < 0 || token >= c.vocabSize()) {
                    throw new IllegalArgumentException("token id " + token + " is outside the vocabulary [0, "
                            + c.vocabSize() + ")");
                }
            }
        }
    }

    private void reservePages(List<SequenceStep> steps) {
        int needed = 0;
        for (SequenceStep s : steps) {
            needed += s.sequence().table().missingPages(s.sequence().length() + s.tokens().length);
        }
        if (needed > pages.freePages()) {
            throw new KvPoolFullException("the step needs " + needed + " more KV pages, " + pages.freePages()
                    + " of " + pages.capacity() + " are free");
        }
        for (SequenceStep s : steps) {
            s.sequence().table().ensureCapacity(s.sequence().length() + s.tokens().length);
        }
    }

    private float[][] runForward(List<SequenceStep> steps) {
        int rows = steps.stream().mapToInt(s -> s.tokens().length).sum();
        int[] tokens = new int[rows];
        int[] positions = new int[rows];
        int[][] tables = new int[rows][];
        int[] outputRows = new int[steps.size()];
        int r = 0;
        for (int i = 0; i < steps.size(); i++) {
            SequenceStep s = steps.get(i);
            BlockTable table = s.sequence().table();
            for (int t = 0; t < s.tokens().length; t++, r++) {
                tokens[r] = s.tokens()[t];
                positions[r] = s.sequence().length() + t;
                tables[r] = table.pageIds();
            }
            outputRows[i] = r - 1;
        }
        return forward.run(pages, tokens, positions, tables, outputRows);
    }

    @Override
    public void close() {
        backend.close();
        pages.close();
        model.close();
    }
}
