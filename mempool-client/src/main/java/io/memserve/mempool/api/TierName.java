package io.memserve.mempool.api;

/** The memory tiers a pool can hold blocks in. */
public enum TierName {
    DRAM,
    HBM
}
