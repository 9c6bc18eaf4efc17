package org.wenshu.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.WenshuCommand;

/** The wenshu application: each argument list is one CLI command run in a Spring context without a web server. */
@SpringBootApplication
public class Wenshu {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (0 success, 1 failure, 2 bad input). */
    public static int run(String... args) {
        SpringApplication application = new SpringApplication(Wenshu.class);
        // A CLI command starts only the beans it asks for: no web server, lazy singletons.
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setLogStartupInfo(false);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        try (ConfigurableApplicationContext context = application.run(args)) {
            return WenshuCommand.execute(context, args);
        }
    }
}
