package org.wenshu.app.bulk;

import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job launcher of web requests: Spring Batch's {@code TaskExecutorJobOperator} (through its factory bean, which
 * wraps it in the repository's transactions) on the same job repository, with two background threads, so that
 * {@code start} returns as soon as the execution is created. Not a bean: the application's own {@code JobOperator}
 * (the command line's, which runs jobs in the foreground) stays the only one Boot sees. Created on first use.
 */
final class BackgroundJobs implements AutoCloseable {

    private final JobRepository repository;
    private final PlatformTransactionManager transactions;
    private ThreadPoolTaskExecutor executor;
    private JobOperator operator;

    BackgroundJobs(JobRepository repository, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    synchronized JobOperator operator() {
        if (operator == null) {
            executor = new ThreadPoolTaskExecutor();
            executor.setThreadNamePrefix("wenshu-bulk-job-");
            // Each job already issues on all cores; two at once keep a small upload from waiting behind a large one.
            executor.setCorePoolSize(2);
            executor.setMaxPoolSize(2);
            executor.setQueueCapacity(100);
            executor.initialize();
            JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
            factory.setJobRepository(repository);
            factory.setTransactionManager(transactions);
            factory.setTaskExecutor(executor);
            factory.setJobRegistry(new MapJobRegistry()); // jobs are passed to start(Job, …), never looked up by name
            try {
                factory.afterPropertiesSet();
                operator = factory.getObject();
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the background job launcher", e);
            }
        }
        return operator;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
