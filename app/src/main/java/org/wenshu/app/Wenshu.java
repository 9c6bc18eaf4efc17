package org.wenshu.app;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.WenshuCommand;

/**
 * The wenshu application: {@code wenshu serve} runs the web application (pages and REST API); every other argument
 * list is one CLI command run in a Spring context without a web server.
 */
@SpringBootApplication
public class Wenshu {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args));
    }

    /**
     * Starts the web application on {@code server.address}:{@code server.port} (default 127.0.0.1:8080) and returns
     * its context; the process keeps serving until the context is closed. Without an active profile the
     * {@code dev} profile applies (demo data, generated demo passwords printed once).
     */
    public static ConfigurableApplicationContext serve(String... args) {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setBannerMode(Banner.Mode.OFF);
        // Without a chosen profile the embedded development defaults apply (demo data, TEST keys). "serve" is always
        // added, and added profiles count as active, so spring.profiles.default could never take effect here.
        boolean chosen = System.getenv("SPRING_PROFILES_ACTIVE") != null || System.getProperty("spring.profiles.active") != null
                || Arrays.stream(args).anyMatch(a -> a.startsWith("--spring.profiles.active"));
        application.setAdditionalProfiles(chosen ? new String[] {"serve"} : new String[] {"serve", "dev"});
        return application.run(args);
    }

    /**
     * Runs one command line and returns its exit code (0 success, 1 failure, 2 bad input). Help, {@code types} and
     * input errors are answered without starting the application.
     */
    public static int run(String... args) {
        Optional<Integer> answered = WenshuCommand.answerWithoutApplication(new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args);
        if (answered.isPresent()) {
            return answered.get();
        }
        SpringApplication application = new SpringApplication(Wenshu.class);
        // A CLI command starts only the beans it asks for: no web server, lazy singletons.
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setLogStartupInfo(false);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        try (ConfigurableApplicationContext context = application.run(args)) {
            return WenshuCommand.execute(context, args);
        }
    }
}
