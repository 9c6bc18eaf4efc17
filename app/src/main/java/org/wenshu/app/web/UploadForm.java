package org.wenshu.app.web;

import org.springframework.web.servlet.ModelAndView;

/**
 * A page whose upload form is shown again, with the reason beside the file input, when an upload to it is past the
 * servlet container's size limits — which fail before the page's controller runs (the CSRF check reads the form).
 */
public interface UploadForm {

    /** The path the form posts to, e.g. {@code /bulk-issues/validation}. */
    String uploadPath();

    /**
     * The form with the reason, or null when it cannot be shown (no signed-in user): the generic 413 page then.
     *
     * @param failure the container's refusal, naming the part at fault when it can (may be null)
     */
    ModelAndView tooLarge(Throwable failure);
}
