package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code wenshu} command line in this JVM: the {@code cli}-profile Spring context (no web server, lazy beans, as
 * {@code ./wenshu} starts it) on a given home, and commands run against it with their exit code and both streams.
 */
public final class InProcessCli implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private InProcessCli(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the command line's context.
     *
     * @param home the data home ({@code wenshu.home}); created if missing
     * @param properties further Spring properties as {@code name=value}, e.g. {@code wenshu.batch.threads=2}
     */
    public static InProcessCli start(Path home, String... properties) {
        return start(home, java.util.Optional.empty(), properties);
    }

    /**
     * As {@link #start(Path, String...)}, with {@code clock} as the context's {@link java.time.Clock} bean: the archive
     * (issue days, due dates, "today" of the overdue job) and tracked items run on it, so a test moves time instead
     * of passing future dates.
     */
    public static InProcessCli start(Path home, java.time.Clock clock, String... properties) {
        return start(home, java.util.Optional.of(clock), properties);
    }

    private static InProcessCli start(Path home, java.util.Optional<java.time.Clock> clock, String... properties) {
        SpringApplication application = new SpringApplication(Wenshu.class);
        clock.ifPresent(c -> application.addInitializers(context ->
                context.getBeanFactory().registerSingleton("testClock", c)));
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        List<String> arguments = new ArrayList<>();
        // A command-line property: application.yml's wenshu.home (WENSHU_HOME or ./data) would win over defaults.
        arguments.add("--wenshu.home=" + home);
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return new InProcessCli(application.run(arguments.toArray(String[]::new)));
    }

    /** The running context, for beans the test inspects directly. */
    public ConfigurableApplicationContext context() {
        return context;
    }

    /** Runs {@code wenshu args…} as the command line would and captures what it printed. */
    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Override
    public void close() {
        context.close();
    }

    /** One command's exit code (0 done, 1 found problems, 2 refused input) and its standard output and error. */
    public record Run(int exitCode, String out, String err) {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        /** Both streams, for assertion messages. */
        public String printed() {
            return out + err;
        }

        /** Standard output read as one JSON object (commands run with {@code --json}). */
        public Map<String, Object> json() {
            return JSON.readValue(out, new TypeReference<Map<String, Object>>() { });
        }
    }
}
