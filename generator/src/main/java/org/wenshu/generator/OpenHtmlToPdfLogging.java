package org.wenshu.generator;

import java.lang.System.Logger;
import java.util.logging.Level;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * Sends openhtmltopdf's log to {@link System.Logger} instead of its own console handler, which writes every
 * render's progress to standard error. Its INFO messages are per-document chatter and become DEBUG.
 */
final class OpenHtmlToPdfLogging implements XRLogger {

    private OpenHtmlToPdfLogging() {
    }

    /** Installs the bridge once; openhtmltopdf keeps its logger in a static field of its own. */
    static void install() {
        synchronized (XRLog.class) {
            if (!(XRLog.getLoggerImpl() instanceof OpenHtmlToPdfLogging)) {
                XRLog.setLoggerImpl(new OpenHtmlToPdfLogging());
            }
        }
    }

    @Override
    public void log(String where, Level level, String message) {
        System.getLogger(where).log(map(level), message);
    }

    @Override
    public void log(String where, Level level, String message, Throwable failure) {
        System.getLogger(where).log(map(level), message, failure);
    }

    @Override
    public void setLevel(String logger, Level level) {
        // Levels are configured in the application's logging configuration, not by the library.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return System.getLogger("com.openhtmltopdf").isLoggable(map(diagnostic.getLevel()));
    }

    private static Logger.Level map(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return Logger.Level.ERROR;
        }
        if (level.intValue() >= Level.WARNING.intValue()) {
            return Logger.Level.WARNING;
        }
        return Logger.Level.DEBUG;
    }
}
