package org.wenshu.generator;

import java.lang.System.Logger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * Sends openhtmltopdf's log to {@link System.Logger} instead of its own console handler, which writes every
 * render's progress to standard error. Its INFO messages are per-document chatter and become DEBUG.
 */
final class OpenHtmlToPdfLogging implements XRLogger {

    // openhtmltopdf asks whether to log several times per document; looking a System.Logger up each time
    // costs a few per cent of a render.
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Logger root = System.getLogger("com.openhtmltopdf");

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
        logger(where).log(map(level), message);
    }

    @Override
    public void log(String where, Level level, String message, Throwable failure) {
        logger(where).log(map(level), message, failure);
    }

    @Override
    public void setLevel(String logger, Level level) {
        // Levels are configured in the application's logging configuration, not by the library.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return root.isLoggable(map(diagnostic.getLevel()));
    }

    private Logger logger(String name) {
        return loggers.computeIfAbsent(name, System::getLogger);
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
