package io.memserve.mempool.service;

import io.memserve.mempool.service.hbm.HbmSwapCheck;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts a pool. {@code hbm-check} instead runs the HBM tier check on a GPU machine (see {@link HbmSwapCheck}).
 */
@SpringBootApplication
public class MemPoolApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hbm-check")) {
            System.exit(HbmSwapCheck.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(MemPoolApplication.class, args);
    }
}
