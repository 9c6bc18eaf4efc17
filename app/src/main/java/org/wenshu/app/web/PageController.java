package org.wenshu.app.web;

/**
 * Marks the controllers that serve pages (not the REST API): {@link PageFailures} answers their failures with a page
 * in Chinese instead of a problem document.
 */
public interface PageController {
}
