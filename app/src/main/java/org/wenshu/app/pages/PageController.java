package org.wenshu.app.pages;

/**
 * Marks the controllers that serve pages (not the REST API): {@code org.wenshu.app.web.PageFailures} answers their
 * failures with a page in Chinese instead of a problem document. A package of its own, which depends on nothing, so
 * that every page controller can carry it without a package cycle.
 */
public interface PageController {
}
