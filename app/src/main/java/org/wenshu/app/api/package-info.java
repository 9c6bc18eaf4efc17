/**
 * What every {@code /api/v1} controller shares and nothing else: the paging of lists ({@link org.wenshu.app.api.Paged}).
 * The controllers live beside the pages of the same feature ({@code instruments}, {@code inbox}, {@code accounts},
 * {@code admin}); failures become problem details in {@code web.ApiExceptionHandler}.
 */
package org.wenshu.app.api;
