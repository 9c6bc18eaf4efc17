package org.wenshu.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.accounts.AccountController;
import org.wenshu.app.admin.UsersController;
import org.wenshu.app.inbox.InboxController;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.instruments.NewInstrumentController;
import org.wenshu.app.instruments.RecordController;
import org.wenshu.app.instruments.RegisterController;
import org.wenshu.archive.RecordNotFound;
import org.wenshu.templates.UnknownInstrumentType;

/**
 * Failures of the server-rendered pages as friendly Chinese error pages ({@code templates/error/…}), never a stack
 * trace: an unknown or invisible record is 404, an action the user may not take 403, a malformed link 400. Limited to
 * the page controllers, so the REST API's problem documents stay the API's own.
 */
@ControllerAdvice(assignableTypes = {NewInstrumentController.class, RegisterController.class, RecordController.class,
        InboxController.class, AccountController.class, UsersController.class,
        org.wenshu.app.research.SearchController.class, org.wenshu.app.research.QueryLogController.class,
        org.wenshu.app.meetings.MeetingsController.class})
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

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView malformed(Exception failure, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "error/4xx", "链接或表单不完整，请返回上一页重新操作。", request);
    }

    private static ModelAndView page(HttpStatus status, String view, String message, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        page.addObject("path", request.getRequestURI());
        return page;
    }
}
