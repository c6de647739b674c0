package io.memserve.decode;

import io.memserve.decode.config.DecodeProperties;
import io.memserve.engine.launch.VectorModuleRelaunch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(DecodeProperties.class)
public class DecodeApplication {

    public static void main(String[] args) throws Exception {
        if (VectorModuleRelaunch.needed()) {
            System.exit(VectorModuleRelaunch.run());
        }
        SpringApplication.run(DecodeApplication.class, args);
    }
}
