package io.hopscope.web;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be answered, rendered as {@code application/problem+json} by {@link
 * ProblemHandler}. {@code parameter} names the offending request parameter, when one.
 */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final String parameter;

  private ApiException(HttpStatus status, String title, String detail, String parameter) {
    super(detail);
    this.status = status;
    this.title = title;
    this.parameter = parameter;
  }

  public static ApiException badParameter(String parameter, String detail) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "Bad parameter '" + parameter + "'", detail, parameter);
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail, null);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail, null);
  }

  /** An unknown pod, Service, ... named by a parameter. */
  public static ApiException unknown(String parameter, String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, "Unknown '" + parameter + "'", detail, parameter);
  }

  public static ApiException payloadTooLarge(String detail) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", detail, null);
  }

  public static ApiException unsupportedMediaType(String detail) {
    return new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail, null);
  }

  public static ApiException unprocessable(String detail) {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable content", detail, null);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The offending parameter, or null. */
  public String parameter() {
    return parameter;
  }

  /**
   * What a page shows: the problem's title and detail ("Bad parameter 'to': ..."), so a page names
   * the parameter as the API's problem does.
   */
  public String pageMessage() {
    return parameter == null ? getMessage() : title + ": " + getMessage();
  }
}
