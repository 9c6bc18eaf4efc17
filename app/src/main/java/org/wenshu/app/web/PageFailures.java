package org.wenshu.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.RecordNotFound;
import org.wenshu.templates.TypeIssuedElsewhere;
import org.wenshu.templates.UnknownInstrumentType;

/**
 * Failures of the server-rendered pages as friendly Chinese error pages ({@code templates/error/…}), never a stack
 * trace: an unknown or invisible record is 404, an action the user may not take 403, a malformed link 400. Limited to
 * the page controllers, so the REST API's problem documents stay the API's own.
 */
@ControllerAdvice(assignableTypes = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageFailures {

    @ExceptionHandler({RecordNotFound.class, UnknownInstrumentType.class,
            org.wenshu.archive.meetings.NotAMeetingNotice.class})
    ModelAndView notFound(RuntimeException failure, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "error/404", "没有找到这份文书或文件，或者您无权查看。", request);
    }

    @ExceptionHandler({AccessRefused.class, org.wenshu.archive.meetings.NotInvited.class})
    ModelAndView refused(RuntimeException failure, HttpServletRequest request) {
        return page(HttpStatus.FORBIDDEN, "error/403", failure.getMessage(), request);
    }

    /** A tampered or truncated link or form: a parameter missing or not of its type (e.g. a letter for an id). */
    @ExceptionHandler({TypeMismatchException.class, ServletRequestBindingException.class,
            MissingServletRequestPartException.class})
    ModelAndView malformed(Exception failure, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "error/4xx", "链接或表单不完整，请返回上一页重新操作。", request);
    }

    @ExceptionHandler(TypeIssuedElsewhere.class)
    ModelAndView issuedElsewhere(TypeIssuedElsewhere failure, HttpServletRequest request) {
        return page(HttpStatus.UNPROCESSABLE_CONTENT, "error/4xx", failure.getMessage(), request);
    }

    private static ModelAndView page(HttpStatus status, String view, String message, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        page.addObject("path", request.getRequestURI());
        return page;
    }
}
