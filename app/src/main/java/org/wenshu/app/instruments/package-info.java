/**
 * The prosecutor's workplace (new instrument, register, record page) and the use cases over instruments that pages
 * and the REST API share ({@link org.wenshu.app.instruments.Instruments}, {@link org.wenshu.app.instruments.InstrumentAccess}).
 */
package org.wenshu.app.instruments;
