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
 * other), and a plain socket copy between two threads of the same blocks as the baseline, in rounds that take turns
 * with put and get. Prints one JSON object last.
 */
@Command(name = "mempool", mixinStandardHelpOptions = true,
        description = "Data-plane throughput and match latency of MemPool against a plain-socket baseline.")
public final class MemPoolBenchCommand implements Callable<Integer> {

    private static final String MODEL = "bench-model";
    private static final int PROMPT_TOKENS = 4096;
    private static final BlockLayout MATCH_LAYOUT = new BlockLayout(1, 1, 16, DType.F32);
    private static final Duration ROUND = Duration.ofSeconds(1);

    @Option(names = "--block-bytes", defaultValue = "262144", description = "bytes per block (default 256 KiB)")
    int blockBytes;

    @Option(names = "--connections", defaultValue = "1", description = "data-plane connections to the pool (default"
            + " 1, the baseline's shape: one connection; on a 2-core machine more connections only add threads that"
            + " take turns on the same cores)")
    int connections;

    @Option(names = "--seconds", defaultValue = "5", description = "seconds measured for each of baseline, put and"
            + " get, in 1-second rounds that take turns, so that a change in the machine's load touches all three alike")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "unmeasured rounds first, and at least"
            + " as many seconds of match calls, which go on until neither JVM is compiling any more")
    int warmupSeconds;

    @Option(names = "--batch-blocks", defaultValue = "16", description = "blocks per put or get request")
    int batchBlocks;

    @Option(names = "--match-samples", defaultValue = "2000", description = "match calls measured")
    int matchSamples;

    @Option(names = "--pool-jar", description = "the pool's jar (default: mempool-service/target/mempool-service.jar"
            + " next to this jar's module, or under the working directory)")
    Path poolJar;

    @Override
    public Integer call() throws Exception {
        if (blockBytes <= 0 || blockBytes % 128 != 0 || connections <= 0 || seconds <= 0 || batchBlocks <= 0
                || warmupSeconds < 0) {
            throw new IllegalArgumentException("--block-bytes must be a positive multiple of 128; --connections,"
                    + " --seconds and --batch-blocks positive; --warmup-seconds not negative");
        }
        BlockLayout layout = new BlockLayout(1, 1, blockBytes / 128, DType.F32);
        int workers = 2 * connections;
        int blocks = workers * batchBlocks;
        DataPlaneSettings settings = DataPlaneSettings.defaults(LocalCluster.SECRET.getBytes(StandardCharsets.UTF_8))
                .withConnections(connections, 8);

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
                System.out.printf("%d warm-up and %d measured rounds of 1 s each of: a plain socket copy of the"
                        + " same blocks, put, get (%d connections, %d requests of %d blocks in flight)%n",
                        warmupSeconds, seconds, connections, workers, batchBlocks);
                Totals measured = rounds(settings, data, addresses, sources, targets);
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
                result.put("put_gb_per_s", round(measured.put().gbPerSecond()));
                result.put("get_gb_per_s", round(measured.get().gbPerSecond()));
                result.put("socket_baseline_gb_per_s", round(measured.baseline().gbPerSecond()));
                result.put("match_4096_p50_ms", round(match.p50Ms()));
                result.put("match_4096_p99_ms", round(match.p99Ms()));
                result.put("match_and_release_pool_cpu_ms", round(match.poolCpuMsPerCall()));
            }
        }
        System.out.println(MemPoolJson.mapper().writeValueAsString(result));
        return 0;
    }

    /** What the measured rounds moved, by kind. */
    private record Totals(Throughput baseline, Throughput put, Throughput get) {

        Totals plus(Throughput moreBaseline, Throughput morePut, Throughput moreGet) {
            return new Totals(baseline.plus(moreBaseline), put.plus(morePut), get.plus(moreGet));
        }
    }

    /** Each get starts from zeroed targets, so the bytes compared at the end are the last get's. */
    private Totals rounds(DataPlaneSettings settings, DataPlaneClient data, List<long[]> addresses,
            List<List<MemorySegment>> sources, List<List<MemorySegment>> targets) throws Exception {
        List<MemorySegment> allSources = sources.stream().flatMap(List::stream).toList();
        List<MemorySegment> allTargets = targets.stream().flatMap(List::stream).toList();
        Totals totals = new Totals(Throughput.NONE, Throughput.NONE, Throughput.NONE);
        for (int round = -warmupSeconds; round < seconds; round++) {
            Throughput baseline = SocketBaseline.measure(allSources, allTargets, settings.socketBufferBytes(), ROUND);
            Throughput put = DataPlaneThroughput.measure(addresses, sources, DataPlaneThroughput.put(data), ROUND);
            allTargets.forEach(t -> t.fill((byte) 0));
            Throughput get = DataPlaneThroughput.measure(addresses, targets, DataPlaneThroughput.get(data), ROUND);
            System.out.printf("%s round: baseline %.2f, put %.2f, get %.2f GB/s%n", round < 0 ? "warm-up" : "measured",
                    baseline.gbPerSecond(), put.gbPerSecond(), get.gbPerSecond());
            if (round >= 0) {
                totals = totals.plus(baseline, put, get);
            }
        }
        return totals;
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
            return MatchLatency.measure(atA.control(), a.process().toHandle(), new CompilerActivity(a.baseUrl()),
                    MODEL, MATCH_LAYOUT.id(), prompt, Duration.ofSeconds(warmupSeconds), matchSamples);
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
