package org.wenshu.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.wenshu.search.RecordIndex;

class VectorsHeldTests {

    /** Holds open on a stand-in index: each holdVectors() adds one, each first close() of a hold takes one away. */
    private final AtomicInteger held = new AtomicInteger();

    @Test
    void holdsTheEmbeddingWhileEachJobRunsAndReleasesItAfterwards() {
        VectorsHeld listener = new VectorsHeld(provider(index()));
        JobExecution first = execution(1);
        JobExecution second = execution(2);

        listener.beforeJob(first);
        listener.beforeJob(second);
        assertThat(held).as("one hold per running job").hasValue(2);
        listener.afterJob(first);
        assertThat(held).as("the other job still runs").hasValue(1);
        listener.afterJob(second);
        listener.afterJob(second);

        assertThat(held).as("released once each").hasValue(0);
    }

    @Test
    void anIndexOwnedByAnotherProcessIsLeftAlone() {
        RecordIndex locked = (RecordIndex) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordIndex.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("index locked by a running server");
                });
        VectorsHeld listener = new VectorsHeld(provider(locked));
        JobExecution execution = execution(3);

        assertThatCode(() -> {
            listener.beforeJob(execution);
            listener.afterJob(execution);
        }).doesNotThrowAnyException();
    }

    private RecordIndex index() {
        return (RecordIndex) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RecordIndex.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("holdVectors")) {
                        held.incrementAndGet();
                        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
                        return (RecordIndex.Hold) () -> {
                            if (open.compareAndSet(true, false)) {
                                held.decrementAndGet();
                            }
                        };
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static org.springframework.beans.factory.ObjectProvider<RecordIndex> provider(RecordIndex index) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("index", index);
        return beans.getBeanProvider(RecordIndex.class);
    }

    private static JobExecution execution(long id) {
        return new JobExecution(id, new JobInstance(id, "reindex"), new JobParameters());
    }
}
