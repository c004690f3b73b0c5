package animerec.browser;

/** A failure of the headless-Chromium harness: start-up, a DevTools command, a timeout, or a script that threw. */
public final class ChromiumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChromiumException(String message) {
        super(message);
    }

    public ChromiumException(String message, Throwable cause) {
        super(message, cause);
    }
}
