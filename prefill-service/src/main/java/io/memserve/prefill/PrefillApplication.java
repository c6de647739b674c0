package io.memserve.prefill;

import io.memserve.engine.launch.VectorModuleRelaunch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The prefill worker; a plain {@code java -jar} first gets the Vector API the engine needs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PrefillApplication {

    public static void main(String[] args) throws Exception {
        if (VectorModuleRelaunch.needed()) {
            System.exit(VectorModuleRelaunch.run());
        }
        SpringApplication.run(PrefillApplication.class, args);
    }
}
