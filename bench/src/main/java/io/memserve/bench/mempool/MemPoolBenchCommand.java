package io.memserve.bench.mempool;

import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.AllocResponse;
import io.memserve.mempool.api.MemPoolJson;
import io.memserve.mempool.client.MemPoolClient;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.mempool.protocol.DataPlaneClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mempool}: starts Redis and two pools on loopback and measures put and get throughput of the data plane,
 * {@code match} latency of a 4096-token prompt (half held by the asked pool, the rest found through Redis at the
 * other), and a plain socket copy between two threads as the baseline. Prints one JSON object last.
 */
@Command(name = "mempool", mixinStandardHelpOptions = true,
        description = "Data-plane throughput and match latency of MemPool against a plain-socket baseline.")
public final class MemPoolBenchCommand implements Callable<Integer> {

    private static final String MODEL = "bench-model";
    private static final int PROMPT_TOKENS = 4096;
    private static final BlockLayout MATCH_LAYOUT = new BlockLayout(1, 1, 16, DType.F32);

    @Option(names = "--block-bytes", defaultValue = "262144", description = "bytes per block (default 256 KiB)")
    int blockBytes;

    @Option(names = "--connections", defaultValue = "4", description = "data-plane connections to the pool")
    int connections;

    @Option(names = "--seconds", defaultValue = "5", description = "seconds per throughput measurement")
    int seconds;

    @Option(names = "--batch-blocks", defaultValue = "16", description = "blocks per put or get request")
    int batchBlocks;

    @Option(names = "--match-samples", defaultValue = "2000", description = "match calls measured")
    int matchSamples;

    @Option(names = "--pool-jar", description = "the pool's jar (default: mempool-service/target/mempool-service.jar"
            + " next to this jar's module, or under the working directory)")
    Path poolJar;

    @Override
    public Integer call() throws Exception {
        if (blockBytes <= 0 || blockBytes % 128 != 0 || connections <= 0 || seconds <= 0 || batchBlocks <= 0) {
            throw new IllegalArgumentException("--block-bytes must be a positive multiple of 128; --connections,"
                    + " --seconds and --batch-blocks positive");
        }
        BlockLayout layout = new BlockLayout(1, 1, blockBytes / 128, DType.F32);
        int workers = 2 * connections;
        int blocks = workers * batchBlocks;
        Duration duration = Duration.ofSeconds(seconds);
        DataPlaneSettings settings = DataPlaneSettings.defaults(LocalCluster.SECRET.getBytes(StandardCharsets.UTF_8))
                .withConnections(connections, 8);

        System.out.printf("socket baseline: %d s of %d-byte writes over loopback%n", seconds, blockBytes);
        double baseline = SocketBaseline.gbPerSecond(blockBytes, settings.socketBufferBytes(), duration);

        Map<String, Object> result = new LinkedHashMap<>();
        try (LocalCluster cluster = new LocalCluster(poolJar());
                Arena arena = Arena.ofShared()) {
            System.out.println("starting Redis and two pools");
            long dram = (long) blocks * layout.bytes() + (64L << 20);
            LocalCluster.Pool a = cluster.startPool("bench-a", dram);
            LocalCluster.Pool b = cluster.startPool("bench-b", 64L << 20);
            try (MemPoolControlClient controlA = new MemPoolControlClient(a.baseUrl(), Duration.ofSeconds(10));
                    DataPlaneClient data = DataPlaneClient.connect("127.0.0.1", a.dataPort(), settings)) {
                AllocResponse alloc = controlA.alloc(new AllocRequest(layout.id(), blocks, null, null, 600_000L))
                        .block();
                List<long[]> addresses = new ArrayList<>();
                List<List<MemorySegment>> sources = new ArrayList<>();
                List<List<MemorySegment>> targets = new ArrayList<>();
                SplittableRandom random = new SplittableRandom(1);
                for (int w = 0; w < workers; w++) {
                    addresses.add(alloc.addresses().subList(w * batchBlocks, (w + 1) * batchBlocks).stream()
                            .mapToLong(Long::longValue).toArray());
                    List<MemorySegment> src = new ArrayList<>();
                    List<MemorySegment> dst = new ArrayList<>();
                    for (int i = 0; i < batchBlocks; i++) {
                        MemorySegment s = arena.allocate(layout.bytes(), 64);
                        for (long off = 0; off < s.byteSize(); off += 8) {
                            s.set(ValueLayout.JAVA_LONG, off, random.nextLong());
                        }
                        src.add(s);
                        dst.add(arena.allocate(layout.bytes(), 64));
                    }
                    sources.add(src);
                    targets.add(dst);
                }
                System.out.printf("put: %d s, %d connections, %d requests of %d blocks in flight%n", seconds,
                        connections, workers, batchBlocks);
                DataPlaneThroughput.gbPerSecond(addresses, sources, DataPlaneThroughput.put(data), Duration.ofSeconds(1));
                double put = DataPlaneThroughput.gbPerSecond(addresses, sources, DataPlaneThroughput.put(data), duration);
                System.out.printf("get: %d s%n", seconds);
                DataPlaneThroughput.gbPerSecond(addresses, targets, DataPlaneThroughput.get(data), Duration.ofSeconds(1));
                double get = DataPlaneThroughput.gbPerSecond(addresses, targets, DataPlaneThroughput.get(data), duration);
                boolean intact = true;
                for (int w = 0; w < workers; w++) {
                    for (int i = 0; i < batchBlocks; i++) {
                        intact &= sources.get(w).get(i).mismatch(targets.get(w).get(i)) == -1;
                    }
                }
                controlA.releaseLease(alloc.leaseId()).block();

                System.out.printf("match: %d-token prompt, half at the asked pool, half found through Redis%n",
                        PROMPT_TOKENS);
                MatchLatency.Result match = matchLatency(a, b, settings, arena);

                result.put("block_bytes", blockBytes);
                result.put("connections", connections);
                result.put("seconds", seconds);
                result.put("bytes_intact", intact);
                result.put("match_4096_matched_tokens", match.matchedTokens());
                result.put("put_gb_per_s", round(put));
                result.put("get_gb_per_s", round(get));
                result.put("socket_baseline_gb_per_s", round(baseline));
                result.put("match_4096_p50_ms", round(match.p50Ms()));
                result.put("match_4096_p99_ms", round(match.p99Ms()));
            }
        }
        System.out.println(MemPoolJson.mapper().writeValueAsString(result));
        return 0;
    }

    private MatchLatency.Result matchLatency(LocalCluster.Pool a, LocalCluster.Pool b, DataPlaneSettings settings,
            Arena arena) {
        int[] prompt = new SplittableRandom(4096).ints(PROMPT_TOKENS, 0, 32000).toArray();
        int blocks = PROMPT_TOKENS / BlockLayout.TOKENS_PER_BLOCK;
        try (MemPoolClient atA = new MemPoolClient(a.baseUrl(), settings, Duration.ofSeconds(30));
                MemPoolClient atB = new MemPoolClient(b.baseUrl(), settings, Duration.ofSeconds(30))) {
            atB.store(MODEL, MATCH_LAYOUT, prompt, segments(blocks, arena)).block();
            atA.store(MODEL, MATCH_LAYOUT, Arrays.copyOf(prompt, PROMPT_TOKENS / 2), segments(blocks / 2, arena))
                    .block();
            return MatchLatency.measure(atA.control(), MODEL, MATCH_LAYOUT.id(), prompt, matchSamples / 4,
                    matchSamples);
        }
    }

    private static List<MemorySegment> segments(int count, Arena arena) {
        List<MemorySegment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            segments.add(arena.allocate(MATCH_LAYOUT.bytes(), 64));
        }
        return segments;
    }

    private Path poolJar() throws Exception {
        if (poolJar != null) {
            return poolJar;
        }
        Path self = Path.of(MemPoolBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path besideModule = self.getParent().getParent().getParent()
                .resolve("mempool-service/target/mempool-service.jar");
        return Files.isRegularFile(besideModule) ? besideModule : Path.of("mempool-service/target/mempool-service.jar");
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
