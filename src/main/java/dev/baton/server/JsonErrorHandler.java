package dev.baton.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a request it cannot parse, a header too large, a handler that failed) in the
 * route's dialect, as JSON: Jetty's own error page is HTML, which no client of an LLM API can read. A server error
 * names the exception's class only, never its message.
 */
final class JsonErrorHandler implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String m ? m : null;
        Throwable cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        if (cause instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            if (message == null) message = http.getReason();
        }
        if (status < 400) {
            status = 500;
            response.setStatus(status);
        }
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        String text = status >= 500 ? "internal error in Baton" + (cause == null ? "" : ": " + cause.getClass().getSimpleName())
                : message != null ? message : HttpStatus.getMessage(status);
        HttpURI uri = request.getHttpURI();
        byte[] body = RouteDialect.of(uri == null ? null : uri.getPath()).errorBody(status, text);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
