package io.memserve.engine.backend;

import io.memserve.engine.kv.KvPagePool;

/**
 * Where each row of a step lives in the KV cache: its absolute position and the page ids of its sequence. Row r
 * attends to positions {@code 0..positions[r]} of {@code pageTables[r]}; several rows of one sequence share a table.
 */
public record AttentionRows(KvPagePool pool, int[] positions, int[][] pageTables) {

    public int rows() {
        return positions.length;
    }
}
