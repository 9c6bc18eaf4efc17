package org.wenshu.app.cli;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import picocli.CommandLine;

/** Creates picocli commands as Spring-autowired objects, so commands take their collaborators by constructor. */
final class SpringCommandFactory implements CommandLine.IFactory {

    private final AutowireCapableBeanFactory beans;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    SpringCommandFactory(AutowireCapableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.getPackageName().startsWith("org.wenshu")) {
            return beans.createBean(type);
        }
        return fallback.create(type);
    }
}
