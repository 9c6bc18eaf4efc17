package org.wenshu.archive;

/**
 * Produces the signed instrument PDF for a number the register has reserved. It may throw: the archive then voids
 * the number with the failure as reason.
 */
@FunctionalInterface
public interface InstrumentProducer {

    byte[] produce(DocumentNumber number);
}
