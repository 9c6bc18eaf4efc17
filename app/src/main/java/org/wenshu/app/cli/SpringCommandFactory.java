package org.wenshu.app.cli;

import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/** Creates picocli commands as Spring-autowired objects, so commands take their collaborators by constructor. */
final class SpringCommandFactory implements CommandLine.IFactory {

    private final ApplicationContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    SpringCommandFactory(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.getPackageName().startsWith("org.wenshu")) {
            return context.getAutowireCapableBeanFactory().createBean(type);
        }
        return fallback.create(type);
    }
}
